# SPDX-License-Identifier: EUPL-1.2
"""The web UI against a real database (SQLite by default, PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import factories as f
from verkeerstoren.cases.models import AccessLog, LegalEvent, Staff, StatusChange
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The default PBKDF2 hasher costs ~0.5 s per user; these tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def refs(response: Any) -> list[str]:
    """References on the rendered list page, in display order."""
    return [c.reference for c in response.context["page"].object_list]


def login(client: Client, *roles: Role, username: str = "u") -> Client:
    client.force_login(f.user(username, *roles))
    return client


@pytest.fixture
def planner(client: Client) -> Client:
    return login(client, Role.IND_PLANNER, username="planner")


# --- authentication ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/cases/", "/cases/Z-1/"])
def test_pages_require_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_login_form_signs_in_and_redirects_home(client: Client) -> None:
    f.user("anna", Role.IND_PLANNER)
    page = client.get("/login/")
    assert page.status_code == 200
    assert 'for="id_username"' in page.content.decode()  # every field has a label
    response = client.post("/login/", {"username": "anna", "password": f.PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_shows_error(client: Client) -> None:
    f.user("anna", Role.IND_PLANNER)
    response = client.post("/login/", {"username": "anna", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_logout_is_a_post(planner: Client) -> None:
    response = planner.post("/logout/")
    assert response.status_code == 302
    assert planner.get("/").status_code == 302  # signed out


# --- case list: filters, sorting, pagination -------------------------------------------------


@pytest.fixture
def varied_cases() -> dict[str, str]:
    """A handful of cases that differ in one attribute each; returns name -> reference."""
    zwolle = f.location("ZW", "Zwolle")
    made = {
        "base": f.case(reference="A-0001"),
        "taskforce": f.case(reference="A-0002", stream="taskforce"),
        "dublin": f.case(reference="A-0003", track="1"),
        "heard": f.case(reference="A-0004", status="heard"),
        "general": f.case(reference="A-0005", procedure="AA"),
        "repeat": f.case(reference="A-0006", kind="repeat"),
        "eritrea": f.case(reference="A-0007", nationality="ERI"),
        "lgbti": f.case(reference="A-0008", features=["lgbti", "medical"]),
        "zwolle": f.case(reference="A-0009", location=zwolle),
        "old": f.case(reference="B-0010", received=dt.date(2019, 3, 1)),
        "new": f.case(reference="B-0011", received=dt.date(2025, 6, 1)),
    }
    return {name: c.reference for name, c in made.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stream=taskforce", ["taskforce"]),
        ("track=1", ["dublin"]),
        ("status=heard", ["heard"]),
        ("procedure=AA", ["general"]),
        ("kind=repeat", ["repeat"]),
        ("nationality=eri", ["eritrea"]),  # case-insensitive input
        ("feature=lgbti", ["lgbti"]),
        ("feature=medical", ["lgbti"]),
        ("location=ZW", ["zwolle"]),
        ("received_to=2019-12-31", ["old"]),
        ("received_from=2025-01-01", ["new"]),
        ("reference=b-00", ["old", "new"]),
        ("stream=taskforce&track=1", []),
    ],
)
def test_list_filters_filter(
    planner: Client, varied_cases: dict[str, str], query: str, expected: list[str]
) -> None:
    response = planner.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert sorted(refs(response)) == sorted(varied_cases[name] for name in expected)


def test_unfiltered_list_shows_all(planner: Client, varied_cases: dict[str, str]) -> None:
    response = planner.get("/cases/")
    assert sorted(refs(response)) == sorted(varied_cases.values())
    assert "11 zaken gevonden" in response.content.decode()


def test_invalid_filter_is_reported_and_others_still_apply(
    planner: Client, varied_cases: dict[str, str]
) -> None:
    response = planner.get("/cases/?received_from=not-a-date&status=heard")
    assert refs(response) == [varied_cases["heard"]]
    body = response.content.decode()
    assert "utrecht-form-field--invalid" in body
    assert 'aria-invalid="true"' in body


def test_v_number_in_search_is_refused_and_never_echoed_or_logged(
    planner: Client, varied_cases: dict[str, str]
) -> None:
    v_number = "1234567890"
    response = planner.get(
        f"/cases/?reference={v_number}&status=heard", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert refs(response) == [varied_cases["heard"]]  # the other filters still apply
    assert "utrecht-form-field--invalid" in body
    assert v_number not in body  # not in the search box, nor in page or sort links
    assert response["HX-Replace-Url"] == "/cases/?status=heard"
    assert not AccessLog.objects.filter(detail__contains=v_number).exists()


def test_coa_cannot_filter_on_features(client: Client, varied_cases: dict[str, str]) -> None:
    login(client, Role.COA_PLANNER)
    response = client.get("/cases/?feature=lgbti")
    # The filter is not offered and not applied: filtering would reveal motives by elimination.
    assert "feature" not in response.context["form"].fields
    assert 'name="feature"' not in response.content.decode()
    assert len(refs(response)) == len(varied_cases)


def test_filter_fields_follow_each_request_not_an_earlier_one(
    planner: Client, varied_cases: dict[str, str]
) -> None:
    # The rendered fields are cached per filter values, role filters and language.
    refused = planner.get("/cases/?reference=1234567890&status=heard").content.decode()
    clean = planner.get("/cases/?status=heard").content.decode()
    assert "utrecht-form-field--invalid" in refused
    assert "utrecht-form-field--invalid" not in clean
    assert 'value="heard" selected' in clean
    other = planner.get("/cases/?status=preparing&nationality=eri").content.decode()
    assert 'value="preparing" selected' in other
    assert 'value="heard" selected' not in other
    assert 'value="eri"' in other


def test_filter_fields_of_one_role_are_not_shown_to_another(
    planner: Client, varied_cases: dict[str, str]
) -> None:
    assert 'name="feature"' in planner.get("/cases/?status=heard").content.decode()
    coa = login(Client(), Role.COA_PLANNER, username="coa")
    body = coa.get("/cases/?status=heard").content.decode()
    assert 'name="feature"' not in body
    assert 'name="deadline_from"' not in body


def test_list_rows_escape_what_they_show(planner: Client) -> None:
    f.case(reference="E-1", location=f.location("XS", 'Zwolle <b>"&"</b>'))
    body = planner.get("/cases/").content.decode()
    assert "Zwolle &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in body
    assert "<b>" not in body


def test_sorting(planner: Client) -> None:
    f.case(reference="C-3", status="registered", received=dt.date(2024, 3, 1))
    f.case(reference="C-1", status="decided", received=dt.date(2024, 1, 1))
    f.case(reference="C-2", status="heard", received=dt.date(2024, 2, 1))
    assert refs(planner.get("/cases/?sort=reference")) == ["C-1", "C-2", "C-3"]
    assert refs(planner.get("/cases/?sort=-reference")) == ["C-3", "C-2", "C-1"]
    assert refs(planner.get("/cases/?sort=received")) == ["C-1", "C-2", "C-3"]
    # Status sorts in process order, not alphabetically (which would put "decided" first).
    assert refs(planner.get("/cases/?sort=status")) == ["C-3", "C-2", "C-1"]
    assert refs(planner.get("/cases/?sort=-status")) == ["C-1", "C-2", "C-3"]
    assert refs(planner.get("/cases/?sort=person")) == ["C-1", "C-2", "C-3"]  # unknown: default
    body = planner.get("/cases/?sort=-status").content.decode()
    assert 'aria-sort="descending"' in body


def test_pagination(planner: Client) -> None:
    for i in range(120):
        f.case(reference=f"P-{i:04d}")
    pages = [planner.get(f"/cases/?sort=reference&page={n}") for n in (1, 2, 3)]
    assert [len(refs(p)) for p in pages] == [50, 50, 20]
    seen = [r for p in pages for r in refs(p)]
    assert seen == [f"P-{i:04d}" for i in range(120)]  # no case twice, none missing
    body = pages[0].content.decode()
    assert "120 zaken gevonden" in body
    assert 'aria-current="page"' in body
    assert "sort=reference&amp;page=2" in body  # page links keep the filters and sort
    assert refs(planner.get("/cases/?sort=reference&page=99")) == refs(pages[2])  # clamps
    assert refs(planner.get("/cases/?sort=reference&page=abc")) == refs(pages[0])


def test_htmx_request_gets_the_list_block_only(planner: Client) -> None:
    f.case(reference="H-1")
    partial = planner.get("/cases/", headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert 'id="case-list"' in partial.content.decode()
    restore = planner.get(
        "/cases/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_list_query_count_does_not_grow_with_rows(planner: Client) -> None:
    for _ in range(3):
        f.case()
    planner.get("/")  # the session's first request renews it: not part of the count
    with CaptureQueriesContext(connection) as few:
        planner.get("/cases/")
    for _ in range(40):
        f.case(location=f.location("ZW", "Zwolle"))
    with CaptureQueriesContext(connection) as many:
        planner.get("/cases/")
    assert len(many) == len(few)


# --- roles and visibility ---------------------------------------------------------------------


@pytest.mark.parametrize("roles", [(Role.POLICE,), (Role.LEGAL_AID,), ()])
def test_roles_without_register_get_403(client: Client, roles: tuple[Role, ...]) -> None:
    f.case(reference="R-1")
    login(client, *roles)
    assert client.get("/cases/").status_code == 403
    assert client.get("/cases/R-1/").status_code == 403
    assert client.get("/").status_code == 200  # aggregate counts only
    assert not AccessLog.objects.exists()


def test_unknown_case_is_404(planner: Client) -> None:
    assert planner.get("/cases/NOPE/").status_code == 404


@pytest.fixture
def rich_case() -> str:
    c = f.case(reference="D-1", status="heard", features=["lgbti"], person="ab" * 32)
    StatusChange.objects.create(case=c, status="registered", date=dt.date(2024, 1, 2))
    StatusChange.objects.create(case=c, status="heard", date=dt.date(2024, 3, 4))
    LegalEvent.objects.create(case=c, kind="extension", date=dt.date(2024, 5, 1), months=9)
    c.dossier_items.create(kind="medical_advice", done=True, done_date=dt.date(2024, 2, 1))
    return c.reference


def test_ind_planner_sees_everything(planner: Client, rich_case: str) -> None:
    response = planner.get(f"/cases/{rich_case}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kenmerken" in body and "LHBTI" in body
    assert "ab" * 32 in body  # person pseudonym, for IND only
    assert "Statusgeschiedenis" in body and "Gehoord" in body
    assert "Juridische gebeurtenissen" in body and "Verlenging" in body
    assert "Medisch advies (BMA/FMMU)" in body
    assert "Termijn en dwangsom" in body


def test_coa_does_not_see_features_or_person(client: Client, rich_case: str) -> None:
    login(client, Role.COA_PLANNER)
    response = client.get(f"/cases/{rich_case}/")
    body = response.content.decode()
    assert response.status_code == 200
    detail = response.context["detail"]
    assert detail.features is None and detail.legal_events is None
    assert detail.dossier_items is None
    assert "LHBTI" not in body and "Kenmerken" not in body
    assert "ab" * 32 not in body
    assert "Verlenging" not in body and "Termijn en dwangsom" not in body
    assert "Statusgeschiedenis" in body  # COA may follow the process


def test_management_sees_person_but_not_features(client: Client, rich_case: str) -> None:
    login(client, Role.IND_MANAGEMENT)
    body = client.get(f"/cases/{rich_case}/").content.decode()
    assert "ab" * 32 in body
    assert "LHBTI" not in body


def test_law_placeholder_shows_figures_when_given(planner: Client, rich_case: str) -> None:
    # The lead's law engine will pass these; the template must show them when present.
    from django.template.loader import render_to_string
    from django.utils import translation

    response = planner.get(f"/cases/{rich_case}/")
    context = {k: response.context[k] for k in ("detail", "case", "visibility", "show_person")}
    context["law"] = {
        "deadline": dt.date(2024, 8, 5),
        "overdue_days": 12,
        "first_penalty_day": dt.date(2024, 9, 1),
        "admin_penalty_eur": Decimal("1234.5"),
        "court_penalty_eur": 0,
    }
    with translation.override("nl"):
        html = render_to_string(
            "web/register/case_detail.html", context, request=response.wsgi_request
        )
    assert "5 augustus 2024" in html
    assert "1.234,50" in html


def test_detail_query_count_does_not_grow_with_history(planner: Client) -> None:
    c = f.case(reference="Q-1", features=["lgbti"])
    StatusChange.objects.create(case=c, status="registered", date=dt.date(2024, 1, 1))
    planner.get("/")  # the session's first request renews it: not part of the count
    with CaptureQueriesContext(connection) as few:
        planner.get("/cases/Q-1/")
    for day in range(2, 30):
        StatusChange.objects.create(case=c, status="preparing", date=dt.date(2024, 1, day))
        LegalEvent.objects.create(
            case=c, kind="suspension", date=dt.date(2024, 1, day), end_date=dt.date(2024, 2, day)
        )
    with CaptureQueriesContext(connection) as many:
        planner.get("/cases/Q-1/")
    assert len(many) == len(few)


# --- access log -------------------------------------------------------------------------------


def test_list_and_detail_write_access_log(planner: Client) -> None:
    f.case(reference="L-1", status="heard", person="cd" * 32)
    planner.get("/cases/?status=heard&nationality=syr")
    planner.get("/cases/L-1/")
    planner.get("/")
    rows = list(AccessLog.objects.order_by("pk"))
    assert [(r.action, r.object_type, r.object_ref) for r in rows] == [
        ("list", "case", "L-1"),  # a list writes one row per case shown
        ("read", "case", "L-1"),
    ]
    assert all(r.user is not None and r.user.username == "planner" for r in rows)
    assert "status=heard" in rows[0].detail and "nationality=SYR" in rows[0].detail
    assert "features" in rows[1].detail
    for r in rows:  # never the person pseudonym
        assert "cd" * 32 not in r.detail and "cd" * 32 not in r.object_ref


# --- language -----------------------------------------------------------------------------------


def test_dutch_by_default_and_english_after_switching(planner: Client) -> None:
    f.case(reference="T-1", status="heard")
    body = planner.get("/cases/").content.decode()
    assert '<html lang="nl"' in body
    assert "Zaken filteren" in body and ">Gehoord<" in body
    response = planner.post("/i18n/setlang/", {"language": "en", "next": "/cases/"})
    assert response.status_code == 302 and response["Location"] == "/cases/"
    body = planner.get("/cases/").content.decode()
    assert '<html lang="en"' in body
    assert "Filter cases" in body and ">Heard<" in body
    assert "Zaken filteren" not in body


def test_chosen_language_middleware_ignores_browser_language(
    planner: Client, settings: Any
) -> None:
    settings.MIDDLEWARE = [
        "verkeerstoren.web.common.middleware.ChosenLanguageMiddleware"
        if m == "django.middleware.locale.LocaleMiddleware"
        else m
        for m in settings.MIDDLEWARE
    ]
    english_browser = {"Accept-Language": "en-US,en;q=0.9"}
    assert '<html lang="nl"' in planner.get("/", headers=english_browser).content.decode()
    planner.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en"' in planner.get("/", headers=english_browser).content.decode()
    planner.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert '<html lang="nl"' in planner.get("/", headers=english_browser).content.decode()


def test_model_verbose_names_are_translated() -> None:
    from django.utils import translation

    with translation.override("nl"):
        assert str(Staff._meta.verbose_name_plural) == "medewerkers"
    with translation.override("en"):
        assert str(Staff._meta.verbose_name_plural) == "staff"


# --- home page ------------------------------------------------------------------------------------


def test_home_counts(planner: Client) -> None:
    f.case(stream="taskforce", status="heard", track="1")
    f.case(stream="taskforce", status="decided")
    f.case(stream="regular", status="registered")
    f.case(stream="", status="closed")
    team = f.TeamFactory(stream="taskforce")
    for kind in ["ind", "ind", "temp"]:
        f.StaffFactory(team=team, employment_type=kind)
    response = planner.get("/")
    counts = response.context["counts"]
    assert (counts.total, counts.open, counts.taskforce_stock) == (4, 2, 1)
    assert dict(counts.by_stream) == {"taskforce": 2, "regular": 1, "": 1}
    assert dict(counts.by_status)["heard"] == 1 and dict(counts.by_status)["preparing"] == 0
    assert [code for code, _ in counts.by_status][:2] == ["registered", "preparing"]
    assert dict(counts.by_track) == {"1": 1, "2": 0, "4": 3}
    assert dict(counts.staff_by_employment_type)["ind"] == 2
    assert counts.staff_total == 3
    body = response.content.decode()
    assert "Voorraad Taskforce" in body and "Nog niet geknipt" in body
    assert re.search(r'<th scope="col"', body)


def test_admin_shows_reference_data_with_history(client: Client) -> None:
    client.force_login(f.user("root", superuser=True))
    loc = f.location()
    for url in (
        "/admin/cases/location/",
        "/admin/cases/staff/",
        "/admin/cases/staff/add/",
        f"/admin/cases/location/{loc.pk}/history/",
        "/admin/cases/lawyer/",
        "/admin/hearings/lawyeraccount/add/",
    ):
        assert client.get(url).status_code == 200, url


def test_an_administrator_links_a_legal_aid_user_to_a_lawyer(client: Client) -> None:
    """The link decides whose hearings the user's planning list shows; it is kept in history."""
    from verkeerstoren.cases.models import Lawyer
    from verkeerstoren.hearings.models import LawyerAccount
    from verkeerstoren.hearings.queries import lawyer_of

    client.force_login(f.user("root", superuser=True))
    lawyer = Lawyer.objects.create(code="A1", name="mr. A. Jansen")
    aid = f.user("jansen", Role.LEGAL_AID)
    assert lawyer_of(aid) is None
    planner = f.user("planner", Role.IND_PLANNER)
    refused = client.post(
        "/admin/hearings/lawyeraccount/add/", {"user": planner.pk, "lawyer": lawyer.pk}
    )
    assert refused.status_code == 200 and not LawyerAccount.objects.exists()
    response = client.post(
        "/admin/hearings/lawyeraccount/add/", {"user": aid.pk, "lawyer": lawyer.pk}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert lawyer_of(aid) == lawyer
    account = LawyerAccount.objects.get(user=aid)
    assert account.history.get().history_user.username == "root"
    # One account per user: a second link for the same user is refused at the field.
    other = Lawyer.objects.create(code="A2", name="mr. B. Smit")
    again = client.post("/admin/hearings/lawyeraccount/add/", {"user": aid.pk, "lawyer": other.pk})
    assert again.status_code == 200 and "errorlist" in again.content.decode()
    assert lawyer_of(aid) == lawyer
