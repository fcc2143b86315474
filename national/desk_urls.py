from django.urls import path

from national import desk

app_name = "national_desk"

urlpatterns = [
    path("", desk.OverviewView.as_view(), name="overview"),
    path("yeu-cau/<int:pk>/", desk.MessageView.as_view(), name="message"),
    path("yeu-cau/<int:pk>/gui-lai/", desk.ResendView.as_view(), name="resend"),
]
