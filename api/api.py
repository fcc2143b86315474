"""The portal's JSON API, version 1: `/api/v1/`, its schema at `/api/v1/openapi.json`,
interactive documentation at `/api/v1/docs`."""

from ninja import NinjaAPI

from api import applicant, integrator, problems, public


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return problems.document_problems(super().get_openapi_schema(**kwargs))


api = PortalAPI(
    title="Cổng dịch vụ công: API",
    version="1",
    description=(
        "Danh mục thủ tục, tra cứu hồ sơ (công khai); hồ sơ của người nộp (phiên đăng nhập "
        "hoặc mã truy cập cá nhân); xử lý hồ sơ cho hệ thống một cửa (khóa API theo đơn vị "
        "và quyền). Lỗi trả về theo RFC 9457 (application/problem+json), bằng tiếng Việt "
        "hoặc tiếng Anh theo Accept-Language."
    ),
    urls_namespace="api-1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
problems.install(api)
api.add_router("/", public.router)
api.add_router("/me", applicant.router)
api.add_router("/", integrator.router)
