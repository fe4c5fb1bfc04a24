from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from fanshelf.works.selectors import work_for_editing

from . import services
from .selectors import reading_outcome


@login_required
@require_POST
def decide(request, work_id):
    """Accept (add as tags) or dismiss the suggestions the author ticked."""
    work = work_for_editing(user=request.user, work_id=work_id)
    chosen = [int(pk) for pk in request.POST.getlist("suggestion") if pk.isdigit()]
    if request.POST.get("action") == "dismiss":
        count = services.suggestions_dismiss(work=work, suggestion_ids=chosen)
        messages.info(request, f"Dismissed {count} suggestion(s).")
    else:
        try:
            accepted = services.suggestions_accept(work=work, suggestion_ids=chosen)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Added: " + ", ".join(s.name for s in accepted) + ".")
    return redirect(reverse("works:edit", args=[work.pk]) + "#suggestions")


@login_required
@require_POST
def reanalyze(request, work_id):
    work = work_for_editing(user=request.user, work_id=work_id)
    services.work_analyze(work=work)
    messages.success(request, "The analyser read your work again. " + reading_outcome(work=work))
    return redirect(reverse("works:edit", args=[work.pk]) + "#suggestions")
