import pytest

from newsroom.content.transliteration import name_key

SAME = [
    ("Ahrar al-Sham", "Ahrar a-Sham", "ahrar ash-Sham", "AHRAR EL SHAM", "Ahrar Sham"),
    ("Maʿarrat al-Nuʿman", "Ma'arrat an-Nu'man", "Maarrat al Numan"),
    ("Dābiq", "Dabiq", "dabiq"),
    ("Jabhat al-Nusra", "Jabhat an-Nusra", "Jabhat-al-Nusra"),
    ("Deir ez-Zor", "Deir al-Zor", "Deir el-Zor"),
    ("أحرار الشام", "احرار الشام", "احرار شام"),
]


@pytest.mark.parametrize("names", SAME, ids=[names[0] for names in SAME])
def test_variant_spellings_share_one_key(names):
    assert len({name_key(name) for name in names}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [("Marea", "Idlib"), ("Islamic State", "ISIS"), ("Aleppo", "Alep")],
)
def test_different_names_keep_different_keys(one, other):
    assert name_key(one) != name_key(other)


def test_ordinary_english_is_left_alone():
    assert (
        name_key("all-out war in the area's wells") == "all out war in the areas wells"
    )
