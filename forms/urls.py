from django import forms as django_forms
from django.urls import path

from forms import views

app_name = "forms"

wizard = views.FormWizardView.as_view(
    form_list=[("_", django_forms.Form)], url_name="forms:step", done_step_name=views.DONE_STEP
)

urlpatterns = [
    path("bieu-mau/ho-so-dang-soan/", views.my_drafts, name="my_drafts"),
    path("bieu-mau/ban-nhap/<str:token>/", views.resume, name="resume"),
    path("bieu-mau/dia-gioi/<int:province>/", views.wards, name="wards"),
    path("bieu-mau/<slug:slug>/mau-trong.<str:fmt>", views.BlankFormView.as_view(), name="blank"),
    path("bieu-mau/<slug:slug>/", wizard, name="start"),
    path("bieu-mau/<slug:slug>/<slug:step>/", wizard, name="step"),
]
