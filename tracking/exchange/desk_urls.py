from django.urls import path

from tracking.exchange import desk

app_name = "exchange_desk"

urlpatterns = [
    path("", desk.OverviewView.as_view(), name="overview"),
    path("goi-tin/<int:pk>/", desk.PackageView.as_view(), name="package"),
    path("goi-tin/<int:pk>/gui-lai/", desk.RetryView.as_view(), name="retry"),
    path("trang-thai/<int:pk>/", desk.InboundView.as_view(), name="inbound"),
]
