# SPDX-License-Identifier: EUPL-1.2
"""URLs of the web app: login and logout, then one module per feature."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from verkeerstoren.web.common.forms import LoginForm
from verkeerstoren.web.common.oidc_views import LoginView

urlpatterns = [
    path(
        "login/",
        LoginView.as_view(
            template_name="web/common/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Organisation sign-in (OIDC): 404 unless the settings enable it (web/common/oidc_views.py).
    path("oidc/", include("verkeerstoren.web.common.oidc_views")),
    # Before the register: "cases/new/" is the new-application page, not a case reference.
    path("", include("verkeerstoren.web.facts.urls")),
    path("", include("verkeerstoren.web.register.urls")),
    path("forecasts/", include("verkeerstoren.web.forecasts.urls")),
    path("planning/", include("verkeerstoren.web.planning.urls")),
    path("reports/", include("verkeerstoren.web.reports.urls")),
    path("dashboards/", include("verkeerstoren.web.dashboards.urls")),
    path("audit/", include("verkeerstoren.web.audit.urls")),
    path("intake-table/", include("verkeerstoren.web.intaketable.urls")),
    path("hearings/", include("verkeerstoren.web.hearings.urls")),
    path("demo-clock/", include("verkeerstoren.web.clock.urls")),
]
