"""The step counter says why its total changes (issue 12, item 4): a step that an answer
adds or takes away is named, so that "Bước 1/3" becoming "Bước 2/4" is no surprise."""

import pytest

from .conftest import Walker, field, make_definition, step, when

pytestmark = pytest.mark.django_db

SLUG = "co-buoc-tuy-chon"
ADDED = "Thông tin chế bản"
SKIPPED = "Lý do không chế bản"


@pytest.fixture
def walker(client):
    make_definition(
        [
            step(
                "co-so",
                "Cơ sở in",
                "Establishment",
                [field("yes_no", "co_che_ban", "Có chế bản không?", "Prepress?")],
            ),
            step(
                "che-ban",
                ADDED,
                "Prepress",
                [field("text", "mo_ta", "Mô tả", "Description")],
                condition=when("co_che_ban", "yes"),
            ),
            step(
                "ly-do",
                SKIPPED,
                "Why not",
                [field("text", "ly_do", "Lý do", "Reason", required=False)],
                condition=when("co_che_ban", "yes", operator="not_in"),
            ),
            step("ket-thuc", "Cam kết", "Declaration", [field("text", "ghi_chu", "Ghi chú", "")]),
        ],
        slug=SLUG,
    )
    return Walker(client, SLUG)


def html_of(walker, step_key):
    return walker.client.get(walker.url(step_key)).content.decode()


def test_before_any_answer_the_counter_counts_the_steps_known_and_says_nothing_more(walker):
    html = html_of(walker, "co-so")
    # Cơ sở in, Lý do không chế bản (shown until an answer says otherwise), Cam kết, review.
    assert "Bước 1/4" in html
    assert "progress-change" not in html
    assert "thêm theo câu trả lời" not in html


def test_a_step_added_by_an_answer_is_named_in_the_counter_and_the_step_list(walker):
    assert walker.post("co-so", {"co_che_ban": "yes"}).status_code == 302
    html = html_of(walker, "che-ban")
    assert "Bước 2/4" in html
    assert f"Theo câu trả lời của bạn, hồ sơ có thêm bước “{ADDED}”." in html
    assert f"Theo câu trả lời của bạn, không cần bước “{SKIPPED}”." in html
    assert f'{ADDED} <span class="step-added">(thêm theo câu trả lời)</span>' in html


def test_the_note_goes_when_the_answer_is_changed_back(walker):
    walker.post("co-so", {"co_che_ban": "yes"})
    walker.post("co-so", {"co_che_ban": "no"})
    html = html_of(walker, "ly-do")
    assert "Bước 2/4" in html
    assert "progress-change" not in html


def test_the_note_is_in_english_on_the_english_form(walker, client):
    walker.post("co-so", {"co_che_ban": "yes"})
    html = client.get(f"/en{walker.url('che-ban')}").content.decode()
    assert "Step 2 of 4" in html
    assert "Because of your answers, the application has an extra step: “Prepress”." in html
    assert "(added by your answers)" in html
