from django import template

from ..files import available_formats

register = template.Library()


@register.inclusion_tag("downloads/_download_links.html")
def download_links(work):
    """The work page's download links; none for drafts and hidden works, which have no files."""
    downloadable = work.posted and not work.hidden_by_admin
    return {"work": work, "download_formats": available_formats() if downloadable else []}
