from django.urls import path

from tracking import desk

app_name = "tracking_desk"

urlpatterns = [
    path("", desk.QueueView.as_view(), name="queue"),
    path("tong-quan/", desk.DashboardView.as_view(), name="dashboard"),
    path("<int:pk>/", desk.ApplicationView.as_view(), name="detail"),
    path("<int:pk>/tep/<int:file_id>/", desk.FileView.as_view(), name="file"),
    path(
        "<int:pk>/thu-bao/<int:notice_id>/gui-lai/",
        desk.ResendNoticeView.as_view(),
        name="resend_notice",
    ),
]
