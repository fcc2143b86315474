from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import privacy_views, views
from accounts.forms import EmailAuthenticationForm

app_name = "accounts"

urlpatterns = [
    path("dang-ky/", views.sign_up, name="sign_up"),
    path("xac-minh/<str:token>/", views.verify, name="verify"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=EmailAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("thong-tin-ca-nhan/", views.profile, name="profile"),
    path("ho-so-cua-toi/", views.my_applications, name="my_applications"),
    path("ho-so-cua-toi/<int:pk>/tep/<int:file_id>/", views.download, name="download"),
    path("du-lieu-cua-toi/", privacy_views.my_data, name="my_data"),
    path("du-lieu-cua-toi/tai-ve/", privacy_views.export, name="export_data"),
    path("du-lieu-cua-toi/xoa-tai-khoan/", privacy_views.delete_account, name="delete_account"),
]
