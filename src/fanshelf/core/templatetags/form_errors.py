"""One error summary at the top of a form: every problem at once, each linked to its field."""

from dataclasses import dataclass

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class ErrorEntry:
    message: str
    field_id: str = ""  # empty for errors about the whole form


def _field_anchor(bound_field) -> str:
    """The element a link should land on: the input itself, or a group's first choice."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


def _form_entries(form, suffix: str = "") -> list[ErrorEntry]:
    entries = [ErrorEntry(str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        label = f"{bound_field.label}{suffix}"
        for message in bound_field.errors:
            entries.append(ErrorEntry(f"{label}: {message}", _field_anchor(bound_field)))
    return entries


def error_entries(*forms_and_formsets) -> list[ErrorEntry]:
    entries: list[ErrorEntry] = []
    for item in forms_and_formsets:
        if item is None or not item.is_bound:
            continue
        if isinstance(item, forms.BaseFormSet):
            entries.extend(ErrorEntry(str(m)) for m in item.non_form_errors())
            several = len(item.forms) > 1
            for index, form in enumerate(item.forms, start=1):
                entries.extend(_form_entries(form, f" ({index})" if several else ""))
        else:
            entries.extend(_form_entries(item))
    return entries


@register.inclusion_tag("_form_errors.html")
def form_errors(*forms_and_formsets):
    """{% form_errors form other_form formset %}: the summary of all their errors, if any."""
    return {"entries": error_entries(*forms_and_formsets)}
