"""What of a translated procedure page is still in the language it was translated from.

A translation of a procedure (its English page) starts as a copy of the Vietnamese
page: every text is Vietnamese until an editor, the demo or an import with English
fields replaces it. Such a text must not pass for English: the page shows it with
`lang="vi"` and says that it has not been translated yet.

A text counts as untranslated when it is one of the source page's texts, or was one
when the translation was last saved (so that a text left in Vietnamese stays marked
after the Vietnamese page is edited). `Procedure.save` keeps the answer in
`Procedure.source_language_texts`, so that showing the page costs no query. The
functions here read only attributes and the `steps`, `dossier_components` and
`fee_rules` relations, so that a migration can use them on its historical models.
"""

# The texts of a procedure a translator translates; codes, amounts and choices are not.
TEXT_FIELDS = (
    "title",
    "deciding_agency",
    "applicants",
    "methods_note",
    "processing_note",
    "requirements",
    "result",
    "fee_note",
)
ROW_TEXTS = {
    "steps": ("title", "description"),
    "dossier_components": ("name", "note"),
    "fee_rules": ("label", "unit_label"),
}


def clean(text):
    """A text as it is compared: stripped (an editor's trailing space changes nothing)."""
    return str(text or "").strip()


def texts_of(procedure):
    """Every translatable text of a procedure: its text fields, each line of its other
    legal basis, and the texts of its steps, dossier documents and fees."""
    found = [getattr(procedure, name, "") for name in TEXT_FIELDS]
    found += (procedure.legal_basis or "").splitlines()
    for relation, attributes in ROW_TEXTS.items():
        for row in getattr(procedure, relation).all():
            found += [getattr(row, attribute) for attribute in attributes]
    return {clean(text) for text in found} - {""}


def untranslated_texts(translation, source, *, previously=()):
    """The texts of `translation` that are those of `source`, or that were untranslated
    when it was last saved (`previously`), sorted."""
    return sorted(texts_of(translation) & (texts_of(source) | set(previously)))
