# SPDX-License-Identifier: EUPL-1.2
"""Forecast pages, runs and tasks against a real database (SQLite, or PostgreSQL via DATABASE_URL).

Scenarios are kept tiny (tens of replications, a few weeks) so the whole file runs in seconds.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

import factories as f
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts import services
from verkeerstoren.forecasts.models import STALL_AFTER, ForecastRun
from verkeerstoren.forecasts.register_scenario import open_stock
from verkeerstoren.forecasts.scenarios import load_source
from verkeerstoren.forecasts.tasks import ProgressWriter, execute_run
from verkeerstoren.web.common import charts

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# 500 cases, no inflow, no decisions in week 0 and exactly 60 a week after: the stock at the end
# of week 0 is the initial stock in every replication, and 440 at the end of week 1.
SMALL: dict[str, Any] = {
    "name": "small",
    "start_date": "2020-04-01",
    "horizon_weeks": 8,
    "seed": 7,
    "working_stock": 100,
    "case_types": [
        {
            "name": "regular",
            "term_weeks": 26,
            "hours_oral": 20,
            "initial_stock": [{"age_weeks": [0, 39], "count": 500}],
        }
    ],
    "capacity": {
        "mode": "decisions",
        "decisions_per_week": [{"from": 0, "value": 0}, {"from": 1, "value": 60}],
        "distribution": "fixed",
    },
    "penalties": {"notice_probability": 0.5, "notice_delay_weeks": 2},
}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The default PBKDF2 hasher costs ~0.5 s per user; these tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(client: Client, *roles: Role, username: str = "u") -> Client:
    client.force_login(f.user(username, *roles))
    return client


@pytest.fixture
def planner(client: Client) -> Client:
    return login(client, Role.IND_PLANNER, username="planner")


def post_scenario(client: Client, scenario: object, **fields: Any) -> Any:
    data = {"scenario_json": json.dumps(scenario), "replications": 20, "action": "run"}
    data.update({k: v for k, v in fields.items()})
    return client.post("/forecasts/", data)


def stock_p50(result: dict[str, Any], week: int) -> float:
    row = next(r for r in result["rows"] if r["metric"] == "stock" and r["week"] == week)
    return float(row["p50"])


# --- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.DTV_PLANNER, Role.POLICE, Role.LEGAL_AID, Role.AUDITOR])
def test_roles_without_forecasts_get_403(client: Client, role: Role) -> None:
    login(client, role)
    run = ForecastRun.objects.create(name="x", scenario=SMALL, replications=10)
    for url in (
        "/forecasts/",
        "/forecasts/compare/",
        f"/forecasts/runs/{run.pk}/",
        f"/forecasts/runs/{run.pk}/status/",
    ):
        assert client.get(url).status_code == 403, url
    assert post_scenario(client, SMALL).status_code == 403
    assert not ForecastRun.objects.exclude(pk=run.pk).exists()
    assert "/forecasts/" not in client.get("/").content.decode()  # no menu link either


@pytest.mark.parametrize(
    "role", [Role.IND_PLANNER, Role.IND_TEAM_LEAD, Role.IND_MANAGEMENT, Role.COA_PLANNER]
)
def test_ind_and_coa_roles_may_forecast(client: Client, role: Role) -> None:
    login(client, role)
    page = client.get("/forecasts/")
    assert page.status_code == 200
    assert 'href="/forecasts/"' in client.get("/").content.decode()


def test_forecast_pages_require_login(client: Client) -> None:
    response = client.get("/forecasts/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


# --- starting a run ------------------------------------------------------------------------


def test_form_is_prefilled_from_an_example(planner: Client) -> None:
    page = planner.get("/forecasts/?source=example:tf2020")
    assert page.status_code == 200
    form = page.context["form"]
    assert json.loads(form.initial["scenario_json"])["name"] == "tf2020"
    assert form.initial["target_date"] == dt.date(2020, 12, 31)
    assert form["replications"].value() == 200
    # Empty knobs say what the scenario has now.
    assert "96" in str(form.fields["horizon_weeks"].help_text)
    assert planner.get("/forecasts/?source=example:../settings").status_code == 404


def test_posting_a_scenario_creates_a_run_and_enqueues_a_task(planner: Client) -> None:
    response = post_scenario(planner, SMALL, name="my run")
    run = ForecastRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/forecasts/runs/{run.pk}/"
    assert (run.name, run.status, run.replications) == ("my run", "queued", 20)
    assert run.created_by is not None and run.created_by.username == "planner"
    # The database backend queued exactly one task for this run, not yet picked up.
    task = DBTaskResult.objects.get()
    assert str(task.id) == run.task_id
    assert task.task_path.endswith("forecasts.tasks.run_forecast")
    assert task.args_kwargs["args"] == [run.pk]
    assert task.status == "READY"
    # While queued, the run page polls for progress.
    page = planner.get(f"/forecasts/runs/{run.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page


def test_executing_the_task_stores_quantiles_from_the_initial_stock(planner: Client) -> None:
    post_scenario(planner, SMALL, target_date="2020-05-15")
    run = ForecastRun.objects.get()
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == "done" and run.progress == 100 and run.finished_at is not None
    result = run.result
    assert result["initial_stock"] == 500
    assert stock_p50(result, 0) == 500  # no decisions in week 0
    assert stock_p50(result, 1) == 440
    assert stock_p50(result, 7) == 500 - 7 * 60
    # Clearance: <= 100 pending after week w means 500 - 60 w <= 100, so week 7 (2020-05-19).
    assert result["clearance"]["p50_week"] == 7
    assert result["cleared_by_target"] == 0.0  # week 7 ends after 2020-05-15
    metrics = {r["metric"] for r in result["rows"]}
    assert {"stock", "overdue", "penalty_eur_cumulative", "reception_persons"} <= metrics
    # The run page now shows the four charts, each with a table alternative.
    page = planner.get(f"/forecasts/runs/{run.pk}/").content.decode()
    for slug in ("stock", "overdue", "penalties", "reception"):
        assert f'data-vega-spec="chart-{slug}-spec"' in page
        assert f'id="chart-{slug}-spec" type="application/json"' in page
    assert page.count("<details") >= 4 and "hx-trigger" not in page
    assert page.count('class="utrecht-table utrecht-table--html-table vt-fan-table"') == 4


@override_settings(TASKS=IMMEDIATE)
def test_immediate_backend_runs_the_task_on_submit(planner: Client) -> None:
    response = post_scenario(planner, SMALL)
    run = ForecastRun.objects.get()
    assert run.status == "done"
    assert stock_p50(run.result, 0) == 500
    status = planner.get(f"/forecasts/runs/{run.pk}/status/").content.decode()
    assert 'id="forecast-results"' in status and "hx-trigger" not in status
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_db_worker_command_runs_queued_forecasts(client: Client) -> None:
    login(client, Role.IND_PLANNER)
    post_scenario(client, SMALL)
    run = ForecastRun.objects.get()
    # The real worker, as `verkeerstoren manage db_worker` runs it; --batch exits when done.
    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False)
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert stock_p50(run.result, 0) == 500
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_progress_is_stored_in_whole_percents_and_100_only_with_results() -> None:
    run = ForecastRun.objects.create(name="x", scenario=SMALL, replications=10)
    writer = ProgressWriter(run.pk)
    writer(37, 96)
    run.refresh_from_db()
    assert run.progress == 38
    writer.written_at = 0.0
    writer(96, 96)
    run.refresh_from_db()
    assert run.progress == 99


def test_a_failing_run_is_marked_failed_with_its_error() -> None:
    broken = copy.deepcopy(SMALL)
    broken["horizon_weeks"] = 0  # stored without validation, as if the format changed later
    run = ForecastRun.objects.create(name="x", scenario=broken, replications=10)
    with pytest.raises(ValueError):
        execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == "failed" and "horizon_weeks" in run.error


# --- scenario errors name the field --------------------------------------------------------


def test_a_bad_scenario_field_gives_a_form_error_naming_it_and_no_run(planner: Client) -> None:
    bad = copy.deepcopy(SMALL)
    bad["capacity"]["decisions_per_week"] = -5
    response = post_scenario(planner, bad)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "capacity.decisions_per_week" in errors["scenario_json"][0]
    assert "must be >= 0" in errors["scenario_json"][0]
    assert "capacity.decisions_per_week" in response.content.decode()
    assert not ForecastRun.objects.exists() and not DBTaskResult.objects.exists()


def test_an_unknown_field_is_named(planner: Client) -> None:
    bad = copy.deepcopy(SMALL)
    bad["case_types"][0]["hours_oarl"] = 3
    errors = post_scenario(planner, bad).context["form"].errors
    assert "case_types[0].hours_oarl" in errors["scenario_json"][0]
    assert not ForecastRun.objects.exists()


def test_invalid_json_gives_line_and_column(planner: Client) -> None:
    response = planner.post(
        "/forecasts/", {"scenario_json": '{\n  "name": }', "replications": 20, "action": "run"}
    )
    form = response.context["form"]
    assert form.has_error("scenario_json", "json")
    # "… (line 2, column 11)" in whatever language the page is in.
    assert re.search(r"\b2\b\D+\b11\b", form.errors["scenario_json"][0])
    assert not ForecastRun.objects.exists()


def test_a_knob_error_is_shown_at_the_knob(planner: Client) -> None:
    # SMALL counts decisions, not staff hours: extra temps cannot be added.
    errors = post_scenario(planner, SMALL, extra_temps=50).context["form"].errors
    assert "capacity.mode" in errors["extra_temps"][0]
    errors = post_scenario(planner, SMALL, outsourcing_hours_per_week=100).context["form"].errors
    assert "outsourcing" in errors["outsourcing_hours_per_week"][0]
    errors = post_scenario(planner, SMALL, horizon_weeks=0).context["form"].errors
    assert "horizon_weeks" in errors  # the form's own bounds
    assert not ForecastRun.objects.exists()


@override_settings(TASKS=IMMEDIATE)
def test_knobs_change_the_stored_scenario(planner: Client) -> None:
    example = load_source("example:tf2020")
    post_scenario(
        planner,
        example,
        horizon_weeks=6,
        extra_temps=100,
        extra_temps_start_week=2,
        written_share=40,
        written_from_week=3,
        outsourcing_hours_per_week=0,
        order_policy="oldest_first",
        notice_probability=25,
    )
    run = ForecastRun.objects.get()
    s = run.scenario
    assert s["horizon_weeks"] == 6
    extra = s["capacity"]["staff"][-1]
    assert (extra["name"], extra["headcount"], extra["start"]) == ("extra temps", 100, 2)
    assert extra["productivity"] == 0.05  # the profile of the scenario's own temps
    assert s["written_hearing_share"][-1] == {"from": 3, "value": 0.4}
    assert "outsourcing" not in s
    assert s["order"] == {"policy": "oldest_first"}
    assert s["penalties"]["notice_probability"] == 0.25
    assert run.status == "done" and len({r["week"] for r in run.result["rows"]}) == 6


# --- comparisons ---------------------------------------------------------------------------


@override_settings(TASKS=IMMEDIATE)
def test_compare_two_examples(planner: Client) -> None:
    response = planner.post(
        "/forecasts/compare/",
        {
            "a_source": "example:tf2020",
            "b_source": "example:tf2020-plus200temps",
            "replications": 20,
            "horizon_weeks": 30,
            "target_date": "2020-06-30",
        },
    )
    run = ForecastRun.objects.get()
    assert response["Location"] == f"/forecasts/runs/{run.pk}/"
    assert run.kind == "comparison" and run.status == "done"
    result = run.result
    assert result["a"]["scenario"] == "tf2020" and result["b"]["scenario"] == "tf2020-plus200temps"
    # The same starting stock; on the same random numbers more temps can only lower the stock.
    assert result["a"]["initial_stock"] == result["b"]["initial_stock"] == 14600
    final = result["difference"]["final_week"]["stock"]
    assert final["difference_p50"] <= 0  # more temps never leave more cases
    page = planner.get(f"/forecasts/runs/{run.pk}/")
    html = page.content.decode()
    assert "A: tf2020" in html and "B: tf2020-plus200temps" in html
    # B - A at the target date (week 12 ends 2020-06-30) and in the last week (29).
    tables = page.context["difference_tables"]
    assert [(t.week, t.at_target) for t in tables] == [(12, True), (29, False)]
    stock_at_target = tables[0].rows[0]
    assert stock_at_target.a_p50 == stock_p50(result["a"], 12)
    assert stock_at_target.b_p50 == stock_p50(result["b"], 12)
    assert 'id="difference-table-1"' in html and 'id="difference-table-2"' in html
    # Per chart a table for A, one for B and one of the weekly paired differences.
    assert html.count("vt-fan-table") == 4 * 3


def test_compare_needs_the_same_start_and_horizon(planner: Client) -> None:
    a = copy.deepcopy(SMALL)
    b = copy.deepcopy(SMALL)
    b["horizon_weeks"] = 9
    with pytest.raises(services.ComparisonError) as info:
        services.start_comparison(a, b, None)
    assert info.value.field == "horizon_weeks"
    b = copy.deepcopy(SMALL)
    b["capacity"]["distribution"] = "sometimes"
    with pytest.raises(services.ComparisonError) as info:
        services.start_comparison(a, b, None)
    assert (info.value.side, info.value.field) == ("b", "capacity.distribution")
    assert not ForecastRun.objects.exists()


@override_settings(TASKS=IMMEDIATE)
def test_compare_with_the_unchanged_scenario_from_the_knob_form(planner: Client) -> None:
    example = load_source("example:tf2020")
    response = post_scenario(planner, example, horizon_weeks=5, written_share=50, action="compare")
    run = ForecastRun.objects.get()
    assert response.status_code == 302 and run.kind == "comparison"
    assert run.scenario["horizon_weeks"] == run.scenario_b["horizon_weeks"] == 5
    assert run.scenario["written_hearing_share"] == example["written_hearing_share"]
    assert run.scenario_b["written_hearing_share"] == 0.5
    # Without a changed knob there is nothing to compare.
    response = post_scenario(planner, example, horizon_weeks=5, action="compare")
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def test_compare_form_rejects_the_same_scenario_twice(planner: Client) -> None:
    response = planner.post(
        "/forecasts/compare/",
        {"a_source": "example:tf2020", "b_source": "example:tf2020", "replications": 20},
    )
    assert "b_source" in response.context["form"].errors
    assert not ForecastRun.objects.exists()


# --- the register as a starting point ------------------------------------------------------


def test_register_scenario_counts_open_cases_by_type_and_age(planner: Client) -> None:
    as_of = dt.date(2020, 4, 6)
    f.case(received=as_of - dt.timedelta(days=3), stream="taskforce")  # regular, age 0
    f.case(received=as_of - dt.timedelta(days=15), stream="taskforce")  # regular, age 2
    f.case(received=as_of - dt.timedelta(days=16), stream="taskforce", complexity="complex")
    f.case(received=as_of - dt.timedelta(days=70), stream="regular", kind="court_reentry")
    f.case(received=as_of - dt.timedelta(days=30), stream="taskforce", status="decided")
    f.case(received=as_of + dt.timedelta(days=1), stream="taskforce")  # not yet received
    stock = open_stock(as_of, "all")
    assert stock == {"regular": {0: 1, 2: 1}, "complex": {2: 1}, "court_reentry": {10: 1}}
    assert "court_reentry" not in open_stock(as_of, "taskforce")

    with override_settings(REGISTER_AS_OF="2020-04-06"):
        data = load_source("register:taskforce")
    assert data["start_date"] == "2020-04-06"
    types = {t["name"]: t["initial_stock"] for t in data["case_types"]}
    assert types["regular"] == [{"age_weeks": 0, "count": 1}, {"age_weeks": 2, "count": 1}]
    assert types["complex"] == [{"age_weeks": 2, "count": 1}]
    assert types["court_reentry"] == []
    services.validate(data)  # a valid scenario as it is

    with override_settings(REGISTER_AS_OF="2020-04-06"):
        page = planner.get("/forecasts/?source=register:all")
    assert json.loads(page.context["form"].initial["scenario_json"])["start_date"] == "2020-04-06"


# --- chart specs ---------------------------------------------------------------------------


def rows_for(weeks: int) -> list[dict[str, Any]]:
    out = []
    for w in range(weeks):
        day = (dt.date(2020, 4, 7) + dt.timedelta(weeks=w)).isoformat()
        for metric in ("stock", "overdue"):
            out.append(
                {
                    "week": w,
                    "date": day,
                    "metric": metric,
                    "p5": 1.0 * w,
                    "p25": 2.0 * w,
                    "p50": 3.0 * w,
                    "p75": 4.0 * w,
                    "p95": 5.0 * w,
                    "mean": 3.0 * w,
                }
            )
    return out


def test_fan_chart_spec_is_a_layered_vega_lite_chart() -> None:
    spec = charts.fan_chart(
        [("tf2020", rows_for(5))],
        "stock",
        title="Stock",
        y_title="Cases",
        x_title="Week ending",
        description="Fan chart of the stock",
        target_date="2020-12-31",
    )
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    assert spec["description"] == "Fan chart of the stock"
    assert spec["title"]["text"] == "Stock"
    values = spec["data"]["values"]
    assert len(values) == 5 and {v["series"] for v in values} == {"tf2020"}
    assert "metric" not in values[0] and "mean" not in values[0]
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["area", "area", "line", "rule", "text"]
    outer, inner, line = spec["layer"][:3]
    assert (outer["encoding"]["y"]["field"], outer["encoding"]["y2"]["field"]) == ("p5", "p95")
    assert (inner["encoding"]["y"]["field"], inner["encoding"]["y2"]["field"]) == ("p25", "p75")
    assert line["encoding"]["y"] == {"field": "p50", "type": "quantitative"}
    for layer in spec["layer"][:3]:
        assert layer["encoding"]["x"]["field"] == "date"
        assert layer["encoding"]["x"]["type"] == "temporal"
    assert outer["mark"]["opacity"] < inner["mark"]["opacity"]
    rule = spec["layer"][3]
    assert rule["data"]["values"][0]["date"] == "2020-12-31"
    json.dumps(spec)  # plain JSON, ready for json_script and vl-convert


def test_fan_chart_of_two_series_colours_them_with_a_legend() -> None:
    spec = charts.fan_chart(
        [("A: x", rows_for(3)), ("B: y", rows_for(3))],
        "overdue",
        y_title="Cases",
        x_title="Week",
        description="d",
    )
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["area", "area", "line"]
    colour = spec["layer"][2]["encoding"]["color"]
    assert colour["field"] == "series" and colour["scale"]["domain"] == ["A: x", "B: y"]
    assert colour["legend"] is not None
    dash = spec["layer"][2]["encoding"]["strokeDash"]  # not told apart by colour alone
    assert dash["field"] == "series" and len(dash["scale"]["range"]) == 2
    assert "title" not in spec  # on a web page the figure caption is the visible title
    assert len(spec["data"]["values"]) == 6


def test_a_run_whose_worker_stopped_is_shown_as_stalled_and_failed_by_the_next_worker(
    planner: Client,
) -> None:
    from django.utils import timezone

    post_scenario(planner, SMALL, name="lost")
    post_scenario(planner, SMALL, name="busy")
    post_scenario(planner, SMALL, name="next")
    lost, busy = ForecastRun.objects.get(name="lost"), ForecastRun.objects.get(name="busy")
    now = timezone.now()
    # Both were picked up by a worker; only "lost" has been running for longer than any run takes.
    ForecastRun.objects.filter(pk=lost.pk).update(
        status="running", started_at=now - STALL_AFTER - dt.timedelta(minutes=1)
    )
    ForecastRun.objects.filter(pk=busy.pk).update(status="running", started_at=now)
    page = planner.get(f"/forecasts/runs/{lost.pk}/status/").content.decode()
    # The page says so (Dutch by default) and stops polling, but changes nothing.
    assert "gestopt zonder resultaat" in page and "hx-get" not in page
    lost.refresh_from_db()
    assert lost.status == "running" and lost.finished_at is None
    assert "hx-get" in planner.get(f"/forecasts/runs/{busy.pk}/status/").content.decode()
    # The worker side fails it: a worker taking the next run first fails the stalled ones.
    execute_run(ForecastRun.objects.get(name="next").pk)
    lost.refresh_from_db()
    busy.refresh_from_db()
    assert lost.status == "failed" and "worker stopped" in lost.error
    assert lost.finished_at is not None
    assert "gestopt zonder resultaat" in planner.get(f"/forecasts/runs/{lost.pk}/").content.decode()
    assert busy.status == "running" and busy.error == ""
    assert ForecastRun.objects.get(name="next").status == "done"


def test_chart_ticks_fall_on_month_starts_so_month_labels_do_not_repeat() -> None:
    rows = [
        {"week": w, "date": f"2020-04-{5 + 7 * w:02d}", "metric": "stock", "p5": 1, "p25": 2,
         "p50": 3, "p75": 4, "p95": 5, "mean": 3}
        for w in range(4)
    ]  # fmt: skip
    spec = charts.fan_chart(
        [("A", rows)], "stock", y_title="Zaken", x_title="Week", description="voorraad"
    )
    axes = [
        layer["encoding"]["x"]["axis"]
        for layer in spec["layer"]
        if "x" in layer.get("encoding", {})
    ]
    assert axes and all(a["format"] == "%b %Y" and a["tickCount"] == "month" for a in axes)
