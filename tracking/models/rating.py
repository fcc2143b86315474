"""The applicant's rating of the service, once the result is delivered."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Satisfaction(models.IntegerChoices):
    """The three levels of the national public-service portal's survey."""

    VERY_SATISFIED = 3, _("Rất hài lòng")
    SATISFIED = 2, _("Hài lòng")
    DISSATISFIED = 1, _("Không hài lòng")


# Criteria of the satisfaction index for administrative services (Quyết định
# 766/QĐ-TTg 2022, the "tiến độ", "công khai minh bạch", "phục vụ" groups).
CRITERIA = {
    "timeliness": _("Hồ sơ được giải quyết đúng hẹn"),
    "transparency": _("Thủ tục, giấy tờ, phí được công khai, rõ ràng"),
    "staff": _("Thái độ, tinh thần phục vụ của cán bộ"),
    "online": _("Sự thuận tiện của dịch vụ trực tuyến"),
}
# The fields an applicant scores: the overall satisfaction, then each criterion.
SCORES = ["overall", *CRITERIA]


class Rating(models.Model):
    application = models.OneToOneField(
        "tracking.Application", on_delete=models.CASCADE, related_name="rating"
    )
    overall = models.PositiveSmallIntegerField(_("mức độ hài lòng chung"), choices=Satisfaction)
    timeliness = models.PositiveSmallIntegerField(CRITERIA["timeliness"], choices=Satisfaction)
    transparency = models.PositiveSmallIntegerField(CRITERIA["transparency"], choices=Satisfaction)
    staff = models.PositiveSmallIntegerField(CRITERIA["staff"], choices=Satisfaction)
    online = models.PositiveSmallIntegerField(CRITERIA["online"], choices=Satisfaction)
    comment = models.TextField(_("góp ý thêm"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")

    def __str__(self):
        return f"{self.application}: {self.get_overall_display()}"
