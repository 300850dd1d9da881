# SPDX-License-Identifier: EUPL-1.2
"""Moving the demo clock: one POST, run to the end before the answer, then back to the page.

The move records a period of synthetic facts (verkeerstoren.demo) and takes a while; the header
form shows a busy indicator meanwhile (htmx). An htmx request gets ``HX-Redirect`` back to the
page, a plain form post a redirect.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from verkeerstoren.access import may_move_clock
from verkeerstoren.cases.clock import ClockError
from verkeerstoren.demo import advance
from verkeerstoren.hearings.services import follow_register
from verkeerstoren.web.common.redirects import back_to


class ClockForm(forms.Form):
    # A day or a week: a longer move (the command line allows up to four weeks) could outlast
    # the web server's request timeout on a large register.
    days = forms.TypedChoiceField(
        label=gettext_lazy("Days"), choices=[("1", "1"), ("7", "7")], coerce=int
    )


@login_required
@require_POST
def clock_advance(request: HttpRequest) -> HttpResponse:
    if not may_move_clock(request.user):
        raise PermissionDenied
    form = ClockForm(request.POST)
    if not form.is_valid():
        problems = " ".join(str(e) for e in form.errors["days"])
        messages.error(request, f"{form.fields['days'].label}: {problems}")
    else:
        try:
            result = advance(form.cleaned_data["days"], request.user)
            result.counts.update(follow_register(request.user))
        except ClockError as exc:
            messages.error(request, exc.message)
        else:
            day = result.after
            messages.success(
                request,
                _(
                    "Register day moved to %(day)s. Recorded: new applications %(registrations)s, "
                    "decisions %(decisions)s, notices of default %(notices)s."
                )
                % {
                    "day": f"{day.day}-{day.month}-{day.year}",
                    "registrations": result.count("registrations"),
                    "decisions": result.count("decisions"),
                    "notices": result.count("notices"),
                },
            )
            held, cancelled = result.count("hearings_held"), result.count("hearings_cancelled")
            if held or cancelled:
                messages.info(
                    request,
                    _("Hearings of the days passed: %(held)s held, %(cancelled)s cancelled.")
                    % {"held": held, "cancelled": cancelled},
                )
    back = back_to(request, reverse("home"))
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": back})
    return redirect(back)
