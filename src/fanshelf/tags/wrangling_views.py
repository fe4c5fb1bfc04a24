"""The wrangling interface: bins of unwrangled tags, one page per tag with its actions, the log
of actions and the fandom pack upload. Only wranglers (and superusers) get in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from fanshelf.analysis.packfile import PackError, parse_pack

from . import selectors, services
from .forms import NewTagForm, PackUploadForm, ParentsForm, TagNameForm
from .models import FIXED_TYPES, Tag, TagType, WranglingAction
from .pack_loading import pack_load

wrangler_required = permission_required("tags.wrangle_tags", raise_exception=True)


@wrangler_required
def home(request):
    return render(request, "tags/wrangle/home.html", {**selectors.bins(), "new_form": NewTagForm()})


@wrangler_required
def find(request):
    """Go to the wrangling page of the tag named ?name= (of ?type= when several share it)."""
    tags = selectors.tags_named(request.GET.get("name", ""))
    if request.GET.get("type"):
        tags = [t for t in tags if t.type == request.GET["type"]]
    if len(tags) == 1:
        return redirect("tags:wrangle_tag", tags[0].pk)
    if not tags:
        messages.error(request, f"No tag named “{request.GET.get('name', '')}”.")
        return redirect("tags:wrangle")
    return render(request, "tags/choose.html", {"name": tags[0].name, "tags": tags, "wrangle": 1})


@wrangler_required
@require_http_methods(["POST"])
def new_tag(request):
    form = NewTagForm(request.POST)
    if form.is_valid():
        try:
            tag = services.tag_create(
                name=form.cleaned_data["name"],
                tag_type=form.cleaned_data["type"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, f"Created canonical tag “{tag.name}”.")
            return redirect("tags:wrangle_tag", tag.pk)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("tags:wrangle")


@wrangler_required
def fandom_bin(request, fandom_id):
    fandom = get_object_or_404(Tag, pk=fandom_id, type=TagType.FANDOM)
    groups = selectors.bin_tags(fandom=fandom)
    return render(request, "tags/wrangle/bin.html", {"fandom": fandom, "groups": groups})


@wrangler_required
def loose_bin(request):
    groups = selectors.bin_tags(fandom=None)
    return render(request, "tags/wrangle/bin.html", {"fandom": None, "groups": groups})


@wrangler_required
def log(request):
    actions = WranglingAction.objects.select_related("user", "tag")
    page = Paginator(actions, settings.FANSHELF_WRANGLING_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "tags/wrangle/log.html", {"page": page})


def _existing(tag_type: str, name: str) -> Tag:
    found = services.find_tag(tag_type=tag_type, name=name)
    if found is None:
        raise ValidationError(f"There is no {TagType(tag_type).label} tag “{name}”.")
    return found


def _parents(data: dict) -> list[Tag]:
    return [
        _existing(tag_type, name)
        for tag_type, key in ((TagType.FANDOM, "fandoms"), (TagType.CHARACTER, "characters"))
        for name in data[key]
    ]


def _act(request, tag: Tag, action: str):
    """Run one wrangling action from the tag page's forms; returns a success message."""
    user = request.user
    if action == "make_canonical":
        result = services.tag_make_canonical(tag=tag, user=user)
        return f"“{result.name}” is canonical."
    if action == "unwrangleable":
        wanted = request.POST.get("unwrangleable") == "1"
        services.tag_mark_unwrangleable(tag=tag, unwrangleable=wanted, user=user)
        return f"“{tag.name}” is {'now' if wanted else 'no longer'} unwrangleable."
    if action == "remove_meta":
        meta = get_object_or_404(Tag, pk=request.POST.get("meta"))
        services.tag_remove_meta(tag=tag, meta=meta, user=user)
        return f"“{meta.name}” is no longer a meta tag of “{tag.name}”."
    if action == "parents":
        form = ParentsForm(request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.tag_set_parents(tag=tag, parents=_parents(form.cleaned_data), user=user)
        return f"Parents of “{tag.name}” saved."
    form = TagNameForm(request.POST)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    name = form.cleaned_data["name"]
    if action == "merge":
        into = _existing(tag.type, name)
        services.tag_merge(tag=tag, into=into, user=user)
        return f"“{tag.name}” is now a synonym of “{services.canonical_form(into).name}”."
    if action == "add_meta":
        meta = _existing(tag.type, name)
        services.tag_add_meta(tag=tag, meta=meta, user=user)
        return f"“{tag.name}” is now a sub tag of “{meta.name}”."
    if action == "rename":
        old = tag.name
        services.tag_rename(tag=tag, name=name, user=user)
        return f"Renamed “{old}” to “{tag.name}”."
    raise ValidationError("Unknown wrangling action.")


@wrangler_required
@require_http_methods(["GET", "POST"])
def tag(request, tag_id):
    tag = get_object_or_404(Tag.objects.select_related("merger"), pk=tag_id)
    if request.method == "POST":
        try:
            message = _act(request, tag, request.POST.get("action", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect("tags:wrangle_tag", tag.pk)
    state = selectors.wrangling_state(tag)
    parents = {
        key: ", ".join(link.parent.name for link in state["parents"] if link.parent.type == type_)
        for key, type_ in (("fandoms", TagType.FANDOM), ("characters", TagType.CHARACTER))
    }
    return render(
        request,
        "tags/wrangle/tag.html",
        {
            "tag": tag,
            "parents_form": ParentsForm(initial=parents),
            "has_parents": tag.type in services.PARENT_TYPES,
            "fixed": tag.type in FIXED_TYPES,
            **state,
        },
    )


@wrangler_required
@require_http_methods(["GET", "POST"])
def packs(request):
    form = PackUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        filename, text = form.cleaned_data["pack"]
        try:
            report = pack_load(pack=parse_pack(text, source=filename), user=request.user)
        except PackError as error:
            form.add_error("pack", str(error))
        else:
            messages.success(request, report.summary())
    return render(request, "tags/wrangle/packs.html", {"form": form, "report": report})
