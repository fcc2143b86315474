"""`manage.py verify_audit_chain`: check the hash chain of the audit log.

Prints OK with the number of entries and the last hash (keep it: passed later as
`--anchor`, it proves that nothing up to it was rewritten), or names the first
broken entry and why, and exits with status 1.
"""

from django.core.management.base import BaseCommand, CommandError

from audit import chain


def anchor(value: str) -> tuple[int, str]:
    sequence, _sep, digest = value.partition(":")
    if not sequence.isdigit() or len(digest) != 64:
        raise CommandError("--anchor phải có dạng <số thứ tự>:<mã băm SHA-256>.")
    return int(sequence), digest.lower()


class Command(BaseCommand):
    help = (
        "Kiểm tra chuỗi băm của nhật ký kiểm tra: in OK cùng số mục, hoặc chỉ ra mục "
        "đầu tiên bị sửa, bị xóa hay bị chèn và thoát với mã lỗi 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            type=anchor,
            help="Số thứ tự và mã băm của một mục đã lưu giữ ngoài cơ sở dữ liệu, "
            "dạng 1234:<mã băm>: mục đó phải còn nguyên trong chuỗi.",
        )
        parser.add_argument(
            "--skip-events",
            action="store_true",
            help="Không đối chiếu sự kiện hồ sơ với nhật ký (cơ sở dữ liệu thử tải).",
        )

    def handle(self, *args, anchor=None, skip_events=False, **options):
        result = chain.verify(anchor=anchor, check_events=not skip_events)
        if result.broken is not None:
            raise CommandError(
                f"LỖI: chuỗi nhật ký bị phá vỡ tại mục #{result.broken.sequence}: "
                f"{result.broken.reason}. {result.count} mục đầu tiên còn nguyên vẹn."
            )
        if result.unchained_events:
            raise CommandError(
                f"LỖI: {result.unchained_events} sự kiện hồ sơ không có trong nhật ký "
                f"(sự kiện đầu tiên: mã {result.first_unchained_event}); "
                "chúng đã được ghi vào cơ sở dữ liệu mà không qua cổng."
            )
        for sequence in result.restored_heads:
            self.stderr.write(
                f"Cảnh báo: mục #{sequence} ghi nhận đầu chuỗi đã bị mất và được khôi phục."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"OK: {result.count} mục, chuỗi toàn vẹn. "
                f"Mục cuối #{result.count}: {result.last_hash}"
            )
        )
