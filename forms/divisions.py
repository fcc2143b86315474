"""Provinces and communes/wards of the two-level local government in force since
1 July 2025 (Nghị quyết 202/2025/QH15), from the `vietnam-provinces` package."""

from functools import cache

from vietnam_provinces import Province, Ward


@cache
def provinces():
    """{code: name} of the 34 provinces and centrally-run cities, as the package orders them."""
    return {str(int(p.code)): p.name for p in Province.iter_all()}


@cache
def wards(province_code: str):
    """{code: name} of the communes and wards of one province."""
    try:
        code = int(province_code)
    except (TypeError, ValueError):
        return {}
    if str(code) not in provinces():
        return {}
    return {str(int(w.code)): w.name for w in Ward.iter_by_province(code)}


def address_text(value) -> str:
    if not isinstance(value, dict):
        return str(value or "")
    province = value.get("province", "")
    parts = [
        value.get("street", ""),
        wards(province).get(value.get("ward", ""), ""),
        provinces().get(province, ""),
    ]
    return ", ".join(part for part in parts if part)
