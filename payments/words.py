"""Amounts in Vietnamese words, as receipts state them ("Số tiền bằng chữ")."""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
BILLION = 1_000_000_000


def _three_digits(number: int, *, full: bool) -> list[str]:
    """0 < number < 1000; `full` reads a leading zero hundred ("không trăm linh năm")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(DIGITS[units])
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    words = []
    for scale, name in ((1_000_000, "triệu"), (1_000, "nghìn"), (1, "")):
        group = number // scale % 1000
        if group:
            words += _three_digits(group, full=full)
            if name:
                words.append(name)
            full = True
    return words


def _words(number: int) -> list[str]:
    if number >= BILLION:
        words = _words(number // BILLION) + ["tỷ"]
        return words + _below_billion(number % BILLION, full=True)
    return _below_billion(number, full=False)


def vnd_in_words(amount: int) -> str:
    """1_500_000 → "Một triệu năm trăm nghìn đồng"."""
    amount = int(amount)
    if amount < 0:
        raise ValueError("An amount to pay is never negative.")
    text = " ".join(_words(amount) or ["không"]) + " đồng"
    return text[0].upper() + text[1:]
