"""English dates as the archive has always written them: 3 April 2025."""

DATE_FORMAT = "j F Y"  # 3 April 2025
SHORT_DATE_FORMAT = "j M Y"  # 3 Apr 2025
MONTH_DAY_FORMAT = "j F"  # 3 April
YEAR_MONTH_FORMAT = "F Y"  # April 2025
