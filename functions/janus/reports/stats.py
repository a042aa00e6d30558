"""Reliability and agreement statistics for 360-feedback reports and instrument-quality analytics.

Standard library only (it ships to AWS Lambda). Tables are lists of rows; no cell may be missing.

- ``icc``: Shrout & Fleiss (1979) intraclass correlations, rows = targets, columns = raters.
- ``cronbach_alpha``: Cronbach (1951), rows = respondents, columns = items.
- ``rwg`` / ``rwg_j``: James, Demaree & Wolf (1984) within-group agreement, truncated as
  LeBreton & Senter (2008) recommend.
- ``OneWay`` / ``Alpha``: mergeable sufficient statistics, so that analytics computed in pieces
  (one Lambda invocation each) can be merged and finished at the end.

A coefficient whose denominator is zero (e.g. every rating identical) is undefined: the direct
functions return NaN for it, the mergeable classes return None.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass, field, fields
from numbers import Real
from typing import Any, Self

Row = list[float]


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ValueError(f"{where} is not a finite number: {value!r}")
    return value


def _table(table: Any, min_rows: int = 2, min_cols: int = 2) -> list[Row]:
    """Check a complete rectangular table of numbers; return it as a list of lists."""
    try:
        rows = [list(row) for row in table]
    except TypeError:
        raise ValueError("a table is a list of rows, each a list of numbers") from None
    if len(rows) < min_rows:
        raise ValueError(f"need at least {min_rows} rows, got {len(rows)}")
    width = len(rows[0])
    if width < min_cols:
        raise ValueError(f"need at least {min_cols} columns, got {width}")
    for i, row in enumerate(rows, 1):
        if len(row) != width:
            raise ValueError(f"ragged table: row {i} has {len(row)} values, row 1 has {width}")
        for j, value in enumerate(row, 1):
            _number(value, f"row {i}, column {j}")
    return rows


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def _mean_squares(rows: list[Row]) -> tuple[float, float, float, float]:
    """Two-way ANOVA mean squares (BMS, WMS, JMS, EMS) as Shrout & Fleiss (1979) define them."""
    n, k = len(rows), len(rows[0])
    grand = math.fsum(map(math.fsum, rows)) / (n * k)
    ss_total = math.fsum((x - grand) ** 2 for row in rows for x in row)
    ss_rows = k * math.fsum((math.fsum(row) / k - grand) ** 2 for row in rows)
    ss_cols = n * math.fsum((math.fsum(col) / n - grand) ** 2 for col in zip(*rows, strict=True))
    bms = ss_rows / (n - 1)
    wms = (ss_total - ss_rows) / (n * (k - 1))
    jms = ss_cols / (k - 1)
    ems = (ss_total - ss_rows - ss_cols) / ((n - 1) * (k - 1))
    return bms, wms, jms, ems


def icc(table: Any) -> dict[str, float]:
    """Intraclass correlations ICC(1,1), ICC(2,1), ICC(3,1) and their k-rater means ICC(1,k) … ICC(3,k).

    Rows are targets (n), columns raters (k); Shrout & Fleiss (1979), from the two-way ANOVA mean squares:
    ICC1 = (BMS−WMS)/(BMS+(k−1)WMS), ICC2 = (BMS−EMS)/(BMS+(k−1)EMS+k(JMS−EMS)/n),
    ICC3 = (BMS−EMS)/(BMS+(k−1)EMS), ICC1k = (BMS−WMS)/BMS, ICC2k = (BMS−EMS)/(BMS+(JMS−EMS)/n),
    ICC3k = (BMS−EMS)/BMS.
    """
    rows = _table(table)
    n, k = len(rows), len(rows[0])
    bms, wms, jms, ems = _mean_squares(rows)
    return {
        "ICC1": _ratio(bms - wms, bms + (k - 1) * wms),
        "ICC2": _ratio(bms - ems, bms + (k - 1) * ems + k * (jms - ems) / n),
        "ICC3": _ratio(bms - ems, bms + (k - 1) * ems),
        "ICC1k": _ratio(bms - wms, bms),
        "ICC2k": _ratio(bms - ems, bms + (jms - ems) / n),
        "ICC3k": _ratio(bms - ems, bms),
    }


def cronbach_alpha(table: Any) -> float:
    """Cronbach's (1951) alpha = k/(k−1) · (1 − Σ s²_item / s²_total), sample variances (n−1).

    Rows are respondents, columns the k items. Equals ICC(3,k) of the same table (McGraw & Wong 1996).
    """
    rows = _table(table)
    k = len(rows[0])
    item_variances = math.fsum(statistics.variance(col) for col in zip(*rows, strict=True))
    total_variance = statistics.variance([math.fsum(row) for row in rows])
    return k / (k - 1) * (1 - _ratio(item_variances, total_variance))


def _null_variance(options: int) -> float:
    """σ²_EU = (A²−1)/12, the variance of a uniform (rectangular) null over A options."""
    if isinstance(options, bool) or not isinstance(options, int) or options < 2:
        raise ValueError(f"options must be an integer of at least 2, got {options!r}")
    return (options * options - 1) / 12


def rwg(ratings: Any, options: int = 5) -> float:
    """Single-item agreement r_wg = 1 − s²/σ²_EU, truncated to [0, 1].

    s² is the sample variance (n−1) of the ratings, σ²_EU = (A²−1)/12 for A options
    (James, Demaree & Wolf 1984); values below 0 are reset to 0 (LeBreton & Senter 2008).
    """
    values = [_number(x, f"rating {i}") for i, x in enumerate(ratings, 1)]
    if len(values) < 2:
        raise ValueError(f"need at least 2 ratings, got {len(values)}")
    return min(1.0, max(0.0, 1 - statistics.variance(values) / _null_variance(options)))


def rwg_j(table: Any, options: int = 5) -> float:
    """Multi-item agreement r_wg(J) = J(1 − s̄²/σ²_EU) / (J(1 − s̄²/σ²_EU) + s̄²/σ²_EU).

    Rows are raters, columns the J items; s̄² is the mean of the items' sample variances
    (James, Demaree & Wolf 1984). When s̄² ≥ σ²_EU the result is 0 (truncation).
    """
    rows = _table(table, min_cols=1)
    null = _null_variance(options)
    j = len(rows[0])
    ratio = statistics.fmean(statistics.variance(col) for col in zip(*rows, strict=True)) / null
    if ratio >= 1:
        return 0.0
    return j * (1 - ratio) / (j * (1 - ratio) + ratio)


class _Mergeable:
    """JSON-safe round trip shared by the sufficient-statistics dataclasses."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        names = [f.name for f in fields(cls)]
        missing = [name for name in names if name not in data]
        if missing:
            raise ValueError(f"{cls.__name__}: missing {', '.join(missing)}")
        return cls(**{name: data[name] for name in names})


@dataclass
class OneWay(_Mergeable):
    """Sufficient statistics of the one-way random-effects ANOVA: groups = subjects, values = their ratings.

    k groups, n values in all, sum_n2 = Σ n_g², sum_s2_over_n = Σ S_g²/n_g (S_g the group's sum),
    t = Σ x, q = Σ x². Groups may differ in size.
    """

    k: int = 0
    n: int = 0
    sum_n2: float = 0
    sum_s2_over_n: float = 0
    t: float = 0
    q: float = 0

    def add_group(self, values: Any) -> None:
        xs = [_number(x, f"value {i}") for i, x in enumerate(values, 1)]
        if not xs:
            raise ValueError("a group needs at least one value")
        s = math.fsum(xs)
        self.k += 1
        self.n += len(xs)
        self.sum_n2 += len(xs) ** 2
        self.sum_s2_over_n += s * s / len(xs)
        self.t += s
        self.q += math.fsum(x * x for x in xs)

    def merge(self, other: OneWay) -> OneWay:
        return OneWay(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def icc1(self) -> float | None:
        """ICC(1) of the unbalanced one-way model: (MSB − MSW) / (MSB + (n0 − 1)·MSW).

        MSB = SSB/(k−1), MSW = SSW/(N−k), SSB = ΣS²/n − T²/N, SSW = Q − ΣS²/n,
        n0 = (N − Σn²/N)/(k−1), the usual average group size of the unbalanced one-way ANOVA.
        None when k < 2, N − k < 1 or every value is equal.
        """
        k, n = self.k, self.n
        if k < 2 or n - k < 1:
            return None
        msb = (self.sum_s2_over_n - self.t * self.t / n) / (k - 1)
        msw = (self.q - self.sum_s2_over_n) / (n - k)
        n0 = (n - self.sum_n2 / n) / (k - 1)
        denominator = msb + (n0 - 1) * msw
        return (msb - msw) / denominator if denominator else None


@dataclass
class Alpha(_Mergeable):
    """Sufficient statistics of Cronbach's alpha: n complete rows of `items` item scores.

    item_sums / item_sumsq hold Σx and Σx² per item; total_sum / total_sumsq the same for row totals.
    """

    n: int = 0
    items: int = 0
    item_sums: list[float] = field(default_factory=list)
    item_sumsq: list[float] = field(default_factory=list)
    total_sum: float = 0
    total_sumsq: float = 0

    def add(self, row: Any) -> None:
        xs = [_number(x, f"item {i}") for i, x in enumerate(row, 1)]
        if len(xs) < 2:
            raise ValueError(f"need at least 2 items, got {len(xs)}")
        if self.n == 0:
            self.items = len(xs)
            self.item_sums = [0] * len(xs)
            self.item_sumsq = [0] * len(xs)
        if len(xs) != self.items:
            raise ValueError(f"row has {len(xs)} items, expected {self.items}")
        self.n += 1
        self.item_sums = [s + x for s, x in zip(self.item_sums, xs, strict=True)]
        self.item_sumsq = [s + x * x for s, x in zip(self.item_sumsq, xs, strict=True)]
        total = math.fsum(xs)
        self.total_sum += total
        self.total_sumsq += total * total

    def merge(self, other: Alpha) -> Alpha:
        if not self.n:
            return Alpha(**other.as_dict())
        if not other.n:
            return Alpha(**self.as_dict())
        if self.items != other.items:
            raise ValueError(f"cannot merge {self.items} items with {other.items} items")
        return Alpha(
            n=self.n + other.n,
            items=self.items,
            item_sums=[a + b for a, b in zip(self.item_sums, other.item_sums, strict=True)],
            item_sumsq=[a + b for a, b in zip(self.item_sumsq, other.item_sumsq, strict=True)],
            total_sum=self.total_sum + other.total_sum,
            total_sumsq=self.total_sumsq + other.total_sumsq,
        )

    def value(self) -> float | None:
        """Cronbach's alpha k/(k−1)·(1 − Σ s²_i / s²_T) from the sums, s² = (Σx² − (Σx)²/n)/(n−1).

        None with fewer than 2 rows or zero total variance.
        """
        n, k = self.n, self.items
        if n < 2 or k < 2:
            return None

        def variance(total: float, sumsq: float) -> float:
            return (sumsq - total * total / n) / (n - 1)

        total_variance = variance(self.total_sum, self.total_sumsq)
        if total_variance <= 0:
            return None
        item_variances = math.fsum(map(variance, self.item_sums, self.item_sumsq))
        return k / (k - 1) * (1 - item_variances / total_variance)
