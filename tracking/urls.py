from django.urls import path

from tracking import privacy_views, views

app_name = "tracking"

urlpatterns = [
    path("tra-cuu-ho-so/", views.status, name="status"),
    path("tra-cuu-ho-so/gui-lien-ket/", views.send_link, name="send_link"),
    path("thong-ke-ho-so/", views.statistics, name="statistics"),
    path("bao-ve-du-lieu-ca-nhan/", privacy_views.privacy_notice, name="privacy_notice"),
    path("ho-so/<str:token>/", views.detail, name="detail"),
    path("ho-so/<str:token>/tep/<int:file_id>/", views.download, name="download"),
    path("ho-so/<str:token>/rut-ho-so/", views.withdraw, name="withdraw"),
    path("ho-so/<str:token>/bo-sung/", views.supplement, name="supplement"),
    path("ho-so/<str:token>/danh-gia/", views.rate, name="rate"),
]
