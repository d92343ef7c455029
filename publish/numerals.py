"""Chinese numerals as newspapers print them in running text: 详见第二版, 第十二版."""

_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1-99 in Chinese numerals (十二, 二十四); anything else stays in Arabic figures."""
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
