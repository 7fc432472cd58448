"""Japanese dates: 2025年4月3日 (year, month and day, no padding)."""

DATE_FORMAT = "Y年n月j日"  # 2025年4月3日
SHORT_DATE_FORMAT = "Y/n/j"  # 2025/4/3
MONTH_DAY_FORMAT = "n月j日"  # 4月3日
YEAR_MONTH_FORMAT = "Y年n月"  # 2025年4月
