"""Properties of the search normaliser and of the catalogue file formats."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services import interchange
from services.text import normalise

# The shared fixtures build the agency in the test database, which any test here sets up.
pytestmark = pytest.mark.django_db

VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ,.-\n\t"
    ),
    max_size=60,
)


@given(VIETNAMESE)
def test_normalised_text_has_no_diacritics_and_no_capitals(text):
    result = normalise(text)
    assert "đ" not in result
    assert result == result.lower()
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", result))


@given(VIETNAMESE)
def test_normalising_twice_changes_nothing(text):
    assert normalise(normalise(text)) == normalise(text)


@given(VIETNAMESE, VIETNAMESE)
def test_a_word_of_a_text_is_found_in_its_normalised_form(text, word):
    for part in normalise(word).split():
        assert part in normalise(f"{text} {word}")


SCALAR = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
    max_size=40,
).map(str.strip)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "MaTTHC": SCALAR,
                "TenTTHC": SCALAR,
                "KetQuaThucHien": SCALAR,
                "CachThucThucHien": st.lists(SCALAR, max_size=3),
                "PhiLePhi": st.lists(
                    st.fixed_dictionaries({"MoTa": SCALAR, "SoTien": st.integers(0, 10**12)}),
                    max_size=2,
                ),
            }
        ),
        max_size=4,
    )
)
def test_csv_files_read_back_what_was_written(records):
    rows = interchange.loads(interchange.dumps(records, "csv"), "csv")
    assert [number for number, _ in rows] == list(range(2, len(records) + 2))
    for (_, read), written in zip(rows, records, strict=True):
        for key, value in written.items():
            assert read[key] == value


@given(st.lists(st.dictionaries(SCALAR, SCALAR, max_size=3), max_size=3))
def test_json_files_read_back_what_was_written(records):
    rows = interchange.loads(interchange.dumps(records, "json"), "json")
    assert [record for _, record in rows] == records
