import pytest

from resgestae.eval import codes


@pytest.mark.parametrize(
    "old,new",
    [
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("INVESTIGATE", "ACCUSE"),
        ("AGREE", "AGREE"),
        ("protest", "PROTEST"),
    ],
)
def test_plover_05b1_types_map_to_current(old, new):
    assert codes.plover_type(old) == new


@pytest.mark.parametrize(
    "code,country",
    [
        ("JAP", "JPN"),
        ("ITL", "ITA"),
        ("USAGOV", "USA"),
        ("usa", "USA"),
        ("IGOUNO", "IGO"),
        ("NGO", "NGO"),
        ("---REB", None),
        ("---", None),
        ("", None),
        (None, None),
        ("GOV", None),
    ],
)
def test_country_codes_are_normalised(code, country):
    assert codes.country(code) == country


@pytest.mark.parametrize(
    "raw,sector",
    [("GOV", "GOV"), ("CVLxyz", "CVL"), ("CIVabc", "CVL"), ("***", None), (None, None)],
)
def test_sectors_are_normalised(raw, sector):
    assert codes.sector(raw) == sector
