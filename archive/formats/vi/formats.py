"""Vietnamese dates: 3 tháng 4 năm 2025 (Django's own vi formats zero-pad and capitalise)."""

DATE_FORMAT = r"j \t\há\n\g n \nă\m Y"  # 3 tháng 4 năm 2025
SHORT_DATE_FORMAT = "j/n/Y"  # 3/4/2025
MONTH_DAY_FORMAT = r"j \t\há\n\g n"  # 3 tháng 4
YEAR_MONTH_FORMAT = r"\t\há\n\g n \nă\m Y"  # tháng 4 năm 2025
