"""The reports of the updates from the national catalogue, in the admin (read only).

Not registered here: `national/wagtail_hooks.py` registers the viewset (see the
README of this change). What a run did is a record, so the policy allows
listing and inspecting only.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from national.catalogue import OUTCOME_LABELS, field_label
from national.catalogue_models import CatalogueImport


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Lists and details only: a report is not edited."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(
            user, action
        )


register_permission_policy(CatalogueImport, ReadOnlyPolicy(CatalogueImport))


class CatalogueImportInspectView(generic.InspectView):
    """The report of one run: each procedure with its outcome, changes, reasons, warnings."""

    template_name = "national/admin/catalogue_import_inspect.html"
    fields = ["started_at", "finished_at", "source", "user", "error"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        context["run"] = run
        context["warnings"] = (run.report or {}).get("warnings", [])
        context["sections"] = [
            {
                "outcome": outcome,
                "label": label,
                "lines": [
                    {
                        **line,
                        "changes": [
                            {**change, "label": field_label(change["field"])}
                            for change in line.get("changes", [])
                        ],
                    }
                    for line in run.procedures(outcome)
                ],
            }
            for outcome, label in OUTCOME_LABELS.items()
        ]
        return context


class CatalogueImportViewSet(ModelViewSet):
    model = CatalogueImport
    icon = "download"
    menu_label = _("Nhập danh mục TTHC quốc gia")
    add_to_admin_menu = True
    menu_order = 216
    inspect_view_enabled = True
    inspect_view_class = CatalogueImportInspectView
    copy_view_enabled = False
    list_display = [
        Column("__str__", label=_("lần nhập")),
        "user",
        "created",
        "updated",
        "unchanged",
        "refused",
        "error",
    ]
    list_filter = ["source"]

    def get_form_class(self, for_update=False):
        # Never shown: the policy allows no add or edit.
        return forms.modelform_factory(self.model, fields=[])
