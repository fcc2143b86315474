"""Text normalisation for search that ignores Vietnamese diacritics."""

import unicodedata


def normalise(text):
    """Lowercase, without diacritics ("đ" becomes "d"), whitespace collapsed.

    "Cấp giấy phép Đăng ký" → "cap giay phep dang ky". Stored on save and applied
    to queries, so the same comparison works on SQLite and PostgreSQL.
    """
    decomposed = unicodedata.normalize("NFD", str(text or "").lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").split())
