"""Writes Examples/cities-pandas.arrow the way a pandas user does: DataFrame.to_feather.

pandas 3 stores text columns as large_string and categoricals as dictionary<values=large_string,
indices=int8>, and compresses with LZ4 by default; the README's examples read this file to show
that the library's family accessors do not depend on those choices.

    python3 -m venv /tmp/pandas-venv && /tmp/pandas-venv/bin/pip install pandas pyarrow
    /tmp/pandas-venv/bin/python Examples/make_cities_pandas.py
"""

from pathlib import Path

import pandas as pd

cities = pd.DataFrame(
    {
        "Name": ["Oslo", "Lima", "Nairobi", "Hanoi", "Perth", None],
        "Country": pd.Categorical(["Norway", "Peru", "Kenya", "Vietnam", "Australia", None]),
        "Area": [454.0, 2672.3, 696.0, 3358.6, 6417.9, None],
        "Population": [709_037, 10_092_000, 4_397_073, 8_053_663, 2_192_229, 0],
        "Founded": pd.to_datetime(["1048-01-01", "1535-01-18", "1899-05-30", "1010-07-01", "1829-08-12", None]),
    }
)
cities.to_feather(Path(__file__).with_name("cities-pandas.arrow"))
