"""A new name a slip away from a known person's: theirs (archive/ingest/near_names.py)."""

import pytest

from archive.ingest.near_names import NearSpellings, one_slip_apart
from archive.ingest.people import Registry, find_people, known_people


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("barak", "barack", True),  # a letter dropped
        ("troung", "truong", True),  # two neighbours swapped
        ("kaxuo", "kazuo", True),  # a letter changed
        ("truong", "truong", False),
        ("sato", "saito", True),  # one slip, but too short a word to trust (below)
        ("nguyen", "nguyn", True),
        ("obama", "osama", True),
        ("abcdef", "abdcfe", False),
    ],
)
def test_one_slip_apart(a, b, near):
    assert one_slip_apart(a, b) is near


def test_a_slip_finds_the_one_person_it_is_near():
    near = NearSpellings()
    near.add("barack-obama", [("barack", "obama")])
    near.add("truong-tan-sang", [("truong", "tan", "sang")])
    near.add("sato-ken", [("sato", "ken")])
    near.add("ferdinand-marcos-jr", [("ferdinand", "marcos", "jr")])
    near.add("joe-biden", [("joseph", "biden")])
    near.add("nguyen-tan-dung", [("nguyen", "tan", "dung")])
    assert near.find(("barak", "obama")) == "barack-obama"
    assert near.find(("troung", "tan", "sang")) == "truong-tan-sang"
    assert near.find(("saito", "ken")) is None  # four letters: two families
    assert near.find(("ferdinand", "romualdez", "marcos", "jr")) == "ferdinand-marcos-jr"
    assert near.find(("joseph", "biden", "jr")) == "joe-biden"
    assert near.find(("nguyen", "tan", "dzung")) == "nguyen-tan-dung"
    near.add("hayashi-yoshimasa", [("hayashi", "yoshimasa")])
    assert near.find(("iosimasa", "haiasi")) == "hayashi-yoshimasa"  # Hepburn otherwise
    # A Vietnamese middle name tells people apart: not dropped.
    assert near.find(("nguyen", "van", "tan", "dung")) is None
    # Equally near two people: no one's.
    near.add("carlos-santos", [("carlos", "santos")])
    near.add("carlos-santas", [("carlos", "santas")])
    assert near.find(("carlos", "santes")) is None
    assert near.find(("carlos", "santos")) == "carlos-santos"  # a spelling of theirs


def test_a_new_name_with_a_typo_is_the_known_official():
    registry = Registry(known_people([{"name": "Barack Obama", "country": "United States"}]))
    (mention,) = find_people("U.S. President Barak Obama welcomed him.", registry)
    assert (mention.slug, mention.surface, mention.is_new) == ("barack-obama", "Barak Obama", False)
