"""When the officials a story names were in the offices stories name them by: its era.

Many pages give no date at all (a Japanese ministry page, an aggregator's copy), yet the people
they name tell when they were written: a story whose lead names Prime Minister Nguyễn Tấn Dũng
and Shinzo Abe was written between Abe's return in December 2012 and Dũng's last day in April
2016. That era

- names the Emperor a story calls only "天皇陛下" (``title_holders``): Trần Đại Quang's state
  visit was Akihito's reign;
- keeps an undated story out of another era's meeting of the same two offices
  (``grouping.contradicts``).

Terms are plain data: the offices in which stories of Vietnam–Japan relations name them
(leader, minister, speaker), one span from the first to the last, extended by
``FORMER_GRACE`` since a leader who just stepped down is still named in the next months'
stories. Leaders who stay prominent long after office (a former prime minister leading a
friendship league) have no term: they do not date a story.

Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import product

# slug: [(first day, last day or None while in office), ...]
TERMS: dict[str, list[tuple[date, date | None]]] = {
    # --- Vietnam: general secretaries, presidents, prime ministers, speakers, ministers ------
    "to-lam": [(date(2016, 4, 9), None)],  # public security minister, president, GS
    "pham-minh-chinh": [(date(2021, 4, 5), None)],
    "nong-duc-manh": [(date(2001, 4, 22), date(2011, 1, 19))],
    "nguyen-phu-trong": [(date(2006, 6, 26), date(2024, 7, 19))],  # NA chair, GS, president
    "nguyen-xuan-phuc": [(date(2016, 4, 7), date(2023, 1, 18))],  # prime minister, president
    "tran-dai-quang": [(date(2016, 4, 2), date(2018, 9, 21))],
    "truong-tan-sang": [(date(2011, 7, 25), date(2016, 4, 2))],
    "nguyen-tan-dung": [(date(2006, 6, 27), date(2016, 4, 7))],
    "nguyen-minh-triet": [(date(2006, 6, 27), date(2011, 7, 25))],
    "vo-van-thuong": [(date(2023, 3, 2), date(2024, 3, 21))],
    "luong-cuong": [(date(2024, 10, 21), None)],
    "vuong-dinh-hue": [(date(2021, 3, 31), date(2024, 4, 26))],
    "nguyen-thi-kim-ngan": [(date(2016, 3, 31), date(2021, 3, 31))],
    "tran-thanh-man": [(date(2024, 5, 20), None)],
    "vo-thi-anh-xuan": [(date(2021, 4, 6), None)],
    "dang-thi-ngoc-thinh": [(date(2016, 4, 8), date(2021, 4, 5))],
    "pham-binh-minh": [(date(2011, 8, 3), date(2023, 1, 5))],
    "bui-thanh-son": [(date(2021, 4, 8), None)],
    # --- Japan: emperors, prime ministers, foreign ministers ---------------------------------
    "akihito": [(date(1989, 1, 7), date(2019, 4, 30))],
    "naruhito": [(date(2019, 5, 1), None)],
    "abe-shinzo": [(date(2006, 9, 26), date(2007, 9, 26)), (date(2012, 12, 26), date(2020, 9, 16))],
    "fukuda-yasuo": [(date(2007, 9, 26), date(2008, 9, 24))],
    "aso-taro": [(date(2008, 9, 24), date(2009, 9, 16))],
    "hatoyama-yukio": [(date(2009, 9, 16), date(2010, 6, 8))],
    "kan-naoto": [(date(2010, 6, 8), date(2011, 9, 2))],
    "noda-yoshihiko": [(date(2011, 9, 2), date(2012, 12, 26))],
    "suga-yoshihide": [(date(2020, 9, 16), date(2021, 10, 4))],
    "kishida-fumio": [(date(2012, 12, 26), date(2024, 10, 1))],  # foreign minister, then PM
    "ishiba-shigeru": [(date(2024, 10, 1), date(2025, 10, 21))],
    "takaichi-sanae": [(date(2025, 10, 21), None)],
    "kono-taro": [(date(2017, 8, 3), date(2020, 9, 16))],  # foreign, then defence minister
    "motegi-toshimitsu": [(date(2019, 9, 11), date(2021, 11, 10)), (date(2025, 10, 21), None)],
    "hayashi-yoshimasa": [(date(2021, 11, 10), date(2023, 9, 13))],
    "kamikawa-yoko": [(date(2023, 9, 13), date(2024, 10, 1))],
    "iwaya-takeshi": [
        (date(2018, 10, 2), date(2019, 9, 11)),
        (date(2024, 10, 1), date(2025, 10, 21)),
    ],
    # --- Defence ministers (``registry_region``) ----------------------------------------------
    "phung-quang-thanh": [(date(2006, 6, 28), date(2016, 4, 9))],
    "ngo-xuan-lich": [(date(2016, 4, 9), date(2021, 4, 8))],
    "phan-van-giang": [(date(2021, 4, 8), None)],
    "kitazawa-toshimi": [(date(2009, 9, 16), date(2011, 9, 2))],
    "morimoto-satoshi": [(date(2012, 6, 4), date(2012, 12, 26))],
    "onodera-itsunori": [
        (date(2012, 12, 26), date(2014, 9, 3)),
        (date(2017, 8, 3), date(2018, 10, 2)),
    ],
    "nakatani-gen": [
        (date(2014, 12, 24), date(2016, 8, 3)),
        (date(2024, 10, 1), date(2025, 10, 21)),
    ],
    "inada-tomomi": [(date(2016, 8, 3), date(2017, 7, 28))],
    "kishi-nobuo": [(date(2020, 9, 16), date(2022, 8, 10))],
    "hamada-yasukazu": [
        (date(2008, 9, 24), date(2009, 9, 16)),
        (date(2022, 8, 10), date(2023, 9, 13)),
    ],
    "kihara-minoru": [(date(2023, 9, 13), date(2024, 10, 1))],
    "koizumi-shinjiro": [(date(2025, 10, 21), None)],
    # --- Neighbours' leaders (``registry_region``) --------------------------------------------
    "xi-jinping": [(date(2012, 11, 15), None)],
    "li-qiang": [(date(2023, 3, 11), None)],
    "li-keqiang": [(date(2013, 3, 15), date(2023, 3, 11))],
    "hu-jintao": [(date(2002, 11, 15), date(2013, 3, 14))],
    "wang-yi": [(date(2013, 3, 16), date(2022, 12, 30)), (date(2023, 7, 25), None)],
    "yoon-suk-yeol": [(date(2022, 5, 10), date(2025, 4, 4))],
    "moon-jae-in": [(date(2017, 5, 10), date(2022, 5, 9))],
    "lee-jae-myung": [(date(2025, 6, 4), None)],
    "park-geun-hye": [(date(2013, 2, 25), date(2017, 3, 10))],
    "ferdinand-marcos-jr": [(date(2022, 6, 30), None)],
    "rodrigo-duterte": [(date(2016, 6, 30), date(2022, 6, 30))],
    "joko-widodo": [(date(2014, 10, 20), date(2024, 10, 20))],
    "prabowo-subianto": [(date(2024, 10, 20), None)],
    "hun-sen": [(date(1985, 1, 14), date(2023, 8, 22))],
    "hun-manet": [(date(2023, 8, 22), None)],
    "thongloun-sisoulith": [(date(2016, 4, 20), None)],  # prime minister, then president
    "prayut-chan-o-cha": [(date(2014, 8, 24), date(2023, 8, 22))],
    "srettha-thavisin": [(date(2023, 8, 22), date(2024, 8, 14))],
    "paetongtarn-shinawatra": [(date(2024, 8, 16), date(2025, 8, 29))],
    "anutin-charnvirakul": [(date(2025, 9, 7), None)],
    "anwar-ibrahim": [(date(2022, 11, 24), None)],
    "ismail-sabri-yaakob": [(date(2021, 8, 21), date(2022, 11, 24))],
    "muhyiddin-yassin": [(date(2020, 3, 1), date(2021, 8, 16))],
    "mahathir-mohamad": [
        (date(1981, 7, 16), date(2003, 10, 31)),
        (date(2018, 5, 10), date(2020, 2, 24)),
    ],
    "lee-hsien-loong": [(date(2004, 8, 12), date(2024, 5, 15))],
    "lawrence-wong": [(date(2024, 5, 15), None)],
    "sonexay-siphandone": [(date(2022, 12, 30), None)],
    "phankham-viphavanh": [(date(2021, 3, 22), date(2022, 12, 30))],
    "narendra-modi": [(date(2014, 5, 26), None)],
    "anthony-albanese": [(date(2022, 5, 23), None)],
    "scott-morrison": [(date(2018, 8, 24), date(2022, 5, 23))],
    "malcolm-turnbull": [(date(2015, 9, 15), date(2018, 8, 24))],
    # --- The United States' and Russia's leaders (``registry_officials``) ----------------------
    "barack-obama": [(date(2009, 1, 20), date(2017, 1, 20))],
    "donald-trump": [(date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), None)],
    "joe-biden": [(date(2021, 1, 20), date(2025, 1, 20))],
    "vladimir-putin": [(date(2000, 5, 7), None)],  # president, prime minister 2008-12
}

# Stories name a leader by office for a while after the last day (the farewell visit, the
# successor's first call recalling the predecessor).
FORMER_GRACE = timedelta(days=90)

Era = tuple[date, date | None]


def _spans(slug: str) -> list[Era]:
    return [(start, end + FORMER_GRACE if end else None) for start, end in TERMS.get(slug, ())]


def _overlap(spans: Iterable[Era]) -> Era | None:
    start = max(span[0] for span in spans)
    ends = [span[1] for span in spans if span[1] is not None]
    end = min(ends) if ends else None
    return None if end is not None and end < start else (start, end)


def era_of(slugs: Iterable[str]) -> tuple[Era, ...]:
    """The spans in which all these officials with known terms held office together (a leader
    with two terms may give two); empty if none has a term or their terms never overlap."""
    terms = [_spans(slug) for slug in sorted(set(slugs)) if slug in TERMS]
    if not terms:
        return ()
    eras = {era for combo in product(*terms) if (era := _overlap(combo)) is not None}
    return tuple(sorted(eras, key=lambda era: era[0]))


def within(day: date, eras: tuple[Era, ...]) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in eras)


def latest_in_era(day: date, eras: tuple[Era, ...]) -> date | None:
    """The latest day with `day`'s month and day, not after it, within one of `eras`: where a
    date written without its year falls in the terms of the officials the story names."""
    if not eras:
        return None
    for year in range(day.year, min(start.year for start, _ in eras) - 1, -1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # February 29 of a year that has none
            continue
        if within(candidate, eras):
            return candidate
    return None


def shifted(day: date, years: int) -> date:
    """`day`, `years` later (earlier if negative); February 29 becomes the 28th where needed."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # February 29 of a year that has none
        return day.replace(year=day.year + years, day=28)
