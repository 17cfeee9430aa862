"""The error summary of the proposal form (the GOV.UK pattern): every error in one list at the
top, each a link to the field it concerns, so that nothing refused goes unexplained."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorLink:
    """One line of an error summary: the message and the ``#anchor`` of its field."""

    href: str
    message: str


def form_error_links(form, *, fallback: str) -> list[ErrorLink]:
    """The errors of a validated ``form`` as links to their fields; errors of hidden fields and
    of the whole form link to the section ``fallback``."""
    if not form.is_bound or not hasattr(form, "cleaned_data"):
        return []
    links = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        anchor = fallback
        if field is not None and not field.widget.is_hidden:
            bound = form[name]
            # A radio group has no single labelled input: link to its first option.
            anchor = bound.id_for_label or f"{bound.auto_id}_0"
        links += [ErrorLink(f"#{anchor}", str(message)) for message in errors]
    return links


def editor_error_summary(editor) -> list[ErrorLink]:
    """Every error of a ``ProposalEditor``: the proposal's fields, each adaptation and
    milestone row, then what the submission rule found missing that no field shows."""
    links = form_error_links(editor.proposal_form, fallback="proposal-form")
    for formset, anchor in ((editor.adaptations, "adaptations"), (editor.milestones, "milestones")):
        links += [ErrorLink(f"#{anchor}", str(error)) for error in formset.non_form_errors()]
        for form in formset.forms:
            links += form_error_links(form, fallback=anchor)
    shown = {link.message for link in links}
    links += [
        ErrorLink(f"#{problem.field}", problem.message)
        for problem in editor.problems
        if problem.message not in shown
    ]
    return links
