import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fanshelf.core.listings import listing
from fanshelf.tags import services as tag_services
from fanshelf.tags.forms import WorkTagsForm

from . import series_services, services
from .forms import ChapterFormSet, ChapterWithFormatForm, ImportForm, ReorderForm, WorkForm
from .models import Work
from .muted import muted_notice
from .selectors import ForLoggedInUsers, work_for_editing, work_for_reading
from .series_selectors import series_places
from .signals import work_read
from .text_import import UnreadableUpload, parse_upload

ACTIONS = {"preview", "draft", "post"}


def front(request):
    return listing("front_page_response")(request)


def _hide_notes(request) -> bool:
    choice = request.GET.get("hide_notes")
    if choice is not None:
        return choice == "1"
    return request.user.is_authenticated and request.user.hide_notes


def _first_position(work: Work) -> int | None:
    return work.readable_chapters[0].position if work.readable_chapters else None


def _reading_context(request, work: Work, position: int | None, *, chosen: bool) -> dict:
    """What every reading page shows beside the text. Tells the apps that count hits and keep
    histories (both buffered, so the reader never waits on them)."""
    work_read.send(sender=Work, work=work, request=request, position=position, chosen=chosen)
    return {"hide_notes": _hide_notes(request), "series_places": series_places(
        viewer=request.user, work=work
    )}  # fmt: skip


def _muted_notice(request, work: Work):
    users = [pseud.user for pseud in work.pseuds.all()]
    return muted_notice(request, kind="works", item=work, users=users, anonymous=work.anonymous)


def _for_logged_in_users(request):
    return render(
        request, "works/for_logged_in_users.html", {"next": request.get_full_path()}, status=403
    )


def work_detail(request, work_id):
    try:
        work = work_for_reading(viewer=request.user, work_id=work_id)
    except ForLoggedInUsers:
        return _for_logged_in_users(request)
    if (notice := _muted_notice(request, work)) is not None:
        return notice
    full = request.GET.get("view_full_work") == "1" or len(work.readable_chapters) <= 1
    if not full:
        position = work.readable_chapters[0].position
        return chapter_detail(request, work_id, position, work=work, chosen=False)
    return render(
        request,
        "works/work.html",
        {
            "work": work,
            "chapters": work.readable_chapters,
            "full": True,
            **_reading_context(request, work, _first_position(work), chosen=False),
        },
    )


def chapter_detail(request, work_id, position, work=None, chosen=True):
    if work is None:
        try:
            work = work_for_reading(viewer=request.user, work_id=work_id)
        except ForLoggedInUsers:
            return _for_logged_in_users(request)
        if (notice := _muted_notice(request, work)) is not None:
            return notice
    chapters = work.readable_chapters
    index = next((i for i, c in enumerate(chapters) if c.position == position), None)
    if index is None:
        return render(request, "404.html", {"message": "No such chapter."}, status=404)
    return render(
        request,
        "works/work.html",
        {
            "work": work,
            "chapters": [chapters[index]],
            "full": False,
            "previous": chapters[index - 1] if index > 0 else None,
            "next": chapters[index + 1] if index + 1 < len(chapters) else None,
            **_reading_context(request, work, position, chosen=chosen),
        },
    )


# The work's own fields, as the form, the edit page's initial values and the services name them.
WORK_FIELDS = (
    "title",
    "summary",
    "notes_begin",
    "notes_end",
    "language",
    "expected_chapters",
    "published_on",
    "restricted",
    "anonymous",
)
CHAPTER_FIELDS = tuple(field.name for field in dataclasses.fields(services.ChapterInput))


def _work_kwargs(data: dict) -> dict:
    return {field: data[field] for field in (*WORK_FIELDS, "text_format")}


def _chapter_input(data: dict) -> services.ChapterInput:
    values = {field: data[field] for field in CHAPTER_FIELDS if field in data}
    values["warnings"] = tuple(values.get("warnings", ()))
    return services.ChapterInput(**values)


def _preview(form: WorkForm, formset) -> dict:
    text_format = form.cleaned_data["text_format"]
    several = len(formset.forms) > 1
    chapters = [
        chapter_form.preview(
            heading=_heading(position, chapter_form.cleaned_data["title"], always=several),
            text_format=text_format,
        )
        for position, chapter_form in enumerate(formset.forms, start=1)
    ]
    return {**form.preview(), "chapters": chapters}


def _heading(position: int, title: str, *, always: bool = True) -> str:
    if title:
        return f"Chapter {position}: {title}"
    return f"Chapter {position}" if always else ""


@login_required
@require_http_methods(["GET", "POST"])
def work_new(request):
    action = request.POST.get("action", "")
    form = WorkForm(request.POST or None, user=request.user, posting=action == "post")
    formset = ChapterFormSet(request.POST or None, prefix="chapters")
    return _save_new_work(request, form, formset, action, template="works/work_form.html")


def _save_new_work(request, form, formset, action, *, template, extra=None):
    context = {"form": form, "formset": formset, **(extra or {})}
    # Both are checked whatever the first says, so every problem is reported at once.
    valid = form.is_valid() & formset.is_valid()
    if request.method == "POST" and action in ACTIONS and valid:
        try:
            if action == "preview":
                context["preview"] = _preview(form, formset)
                return render(request, template, context)
            # Tags are set in the work's transaction: bad tags leave no work behind.
            work = services.work_create(
                pseuds=list(form.cleaned_data["pseuds"]),
                chapters=[_chapter_input(c) for c in formset.cleaned_data],
                post=action == "post",
                tags=form.tag_values(),
                **_work_kwargs(form.cleaned_data),
            )
            # The form checked the series choice (one of the author's, or a valid new title).
            series_services.work_join_series(work=work, editor=request.user, **form.series_values())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                "Work posted."
                if work.posted
                else "Draft saved. Only you can see it until you post it.",
            )
            return redirect(work)
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def work_import(request):
    """Upload a file, then review the split (notes, chapters) in the posting form."""
    if request.method == "POST" and "file" in request.FILES:
        upload_form = ImportForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["file"]
            try:
                imported = parse_upload(upload.read(), upload.name)
            except UnreadableUpload as error:
                upload_form.add_error("file", str(error))
            else:
                form = WorkForm(
                    user=request.user,
                    initial={
                        "title": imported.title,
                        "notes_begin": imported.notes_begin,
                        "notes_end": imported.notes_end,
                        "text_format": imported.text_format,
                        "expected_chapters": len(imported.chapters),
                    },
                )
                formset = ChapterFormSet(
                    prefix="chapters", initial=[vars(chapter) for chapter in imported.chapters]
                )
                messages.info(
                    request,
                    f"Read {imported.filename}. Check how it was split, then "
                    "preview, save a draft or post.",
                )
                return render(
                    request,
                    "works/work_form.html",
                    {
                        "form": form,
                        "formset": formset,
                        "importing": True,
                    },
                )
        return render(request, "works/import.html", {"upload_form": upload_form})
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = WorkForm(request.POST, user=request.user, posting=action == "post")
        formset = ChapterFormSet(request.POST, prefix="chapters")
        return _save_new_work(
            request,
            form,
            formset,
            action,
            template="works/work_form.html",
            extra={"importing": True},
        )
    return render(request, "works/import.html", {"upload_form": ImportForm()})


@login_required
@require_http_methods(["GET", "POST"])
def work_edit(request, work_id):
    work = work_for_editing(user=request.user, work_id=work_id)
    initial = {
        **{field: getattr(work, field) for field in WORK_FIELDS},
        "text_format": "html",
        "pseuds": [p.pk for p in work.pseuds.all()],
        **WorkTagsForm.initial_for(work),
    }
    form = WorkForm(request.POST or None, user=request.user, initial=initial, posting=work.posted)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_update(
                work=work,
                pseuds=list(form.cleaned_data["pseuds"]),
                tags=form.tag_values(),
                **_work_kwargs(form.cleaned_data),
            )
            # The form checked the series choice (one of the author's, or a valid new title).
            series_services.work_join_series(work=work, editor=request.user, **form.series_values())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Work updated.")
            return redirect(work)
    return render(request, "works/work_edit.html", {"form": form, "work": work})


@login_required
@require_POST
def work_post(request, work_id):
    work = work_for_editing(user=request.user, work_id=work_id)
    try:
        with transaction.atomic():
            services.work_post(work=work)
            tag_services.work_check_postable(work=work)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages) + " Add them here, then post.")
        return redirect("works:edit", work.pk)
    messages.success(request, "Work posted.")
    return redirect(work)


@login_required
@require_http_methods(["GET", "POST"])
def work_delete(request, work_id):
    work = work_for_editing(user=request.user, work_id=work_id)
    if request.method == "POST":
        title = work.title
        services.work_delete(work=work)
        messages.success(request, f"“{title}” was deleted.")
        return redirect("accounts:profile", request.user.username)
    return render(request, "works/confirm_delete.html", {"object": work, "work": work})


@login_required
@require_http_methods(["GET", "POST"])
def chapter_new(request, work_id):
    work = work_for_editing(user=request.user, work_id=work_id)
    form = ChapterWithFormatForm(request.POST or None)
    action = request.POST.get("action")
    context = {"form": form, "work": work}
    if request.method == "POST" and form.is_valid() and action == "preview":
        position = work.chapters.count() + 1
        context["preview"] = {
            "chapters": [
                form.preview(
                    heading=_heading(position, form.cleaned_data["title"]),
                    text_format=form.cleaned_data["text_format"],
                )
            ]
        }
    elif request.method == "POST" and form.is_valid():
        try:
            chapter = services.chapter_add(
                work=work,
                chapter=_chapter_input(form.cleaned_data),
                text_format=form.cleaned_data["text_format"],
                post=action != "draft",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{chapter.heading} added.")
            return redirect(chapter)
    return render(request, "works/chapter_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def chapter_edit(request, work_id, chapter_id):
    work = work_for_editing(user=request.user, work_id=work_id)
    chapter = get_object_or_404(work.chapters, pk=chapter_id)
    initial = {field: getattr(chapter, field) for field in CHAPTER_FIELDS}
    form = ChapterWithFormatForm(request.POST or None, initial={**initial, "text_format": "html"})
    if request.method == "POST" and form.is_valid():
        try:
            services.chapter_update(
                chapter=chapter,
                data=_chapter_input(form.cleaned_data),
                text_format=form.cleaned_data["text_format"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{chapter.heading} updated.")
            return redirect(chapter)
    return render(
        request, "works/chapter_form.html", {"form": form, "work": work, "chapter": chapter}
    )


@login_required
@require_http_methods(["GET", "POST"])
def chapter_delete(request, work_id, chapter_id):
    work = work_for_editing(user=request.user, work_id=work_id)
    chapter = get_object_or_404(work.chapters, pk=chapter_id)
    if request.method == "POST":
        try:
            services.chapter_delete(chapter=chapter)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Chapter deleted.")
        return redirect(work)
    return render(request, "works/confirm_delete.html", {"object": chapter, "work": work})


@login_required
@require_http_methods(["GET", "POST"])
def chapters_reorder(request, work_id):
    work = work_for_editing(user=request.user, work_id=work_id)
    form = ReorderForm(
        request.POST or None,
        items=work.chapters.order_by("position"),
        label=lambda c: c.heading,
        noun="chapter",
    )
    if request.method == "POST" and form.is_valid():
        services.chapters_reorder(work=work, chapter_ids=form.ordered_ids())
        messages.success(request, "Chapters reordered.")
        return redirect(f"{work.get_absolute_url()}?view_full_work=1")
    return render(request, "works/reorder.html", {"form": form, "work": work})
