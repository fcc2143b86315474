from django.urls import path

from tracking.exchange import views

app_name = "exchange"

urlpatterns = [
    path("edxml/trang-thai/", views.receive_status, name="receive_status"),
]
