"""What the portal's own admin views share."""


class TitleHeaderMixin:
    """Wagtail's admin header shows a view's last breadcrumb, which ends at "Home"
    (shown as "Trang chủ") unless the view adds itself: this adds the page's title.
    Before `WagtailAdminTemplateMixin` in a view's bases."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]
