"""janus.reports.stats against published reference values, and the mergeable statistics against the direct ones."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pytest

from janus.reports.stats import Alpha, OneWay, _mean_squares, cronbach_alpha, icc, rwg, rwg_j

# Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater reliability.
# Psychological Bulletin, 86(2), 420-428. Table 2: four judges rate six targets (rows = targets).
SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]

# Statology, "How to Calculate Cronbach's Alpha in Python" (restaurant survey, 10 customers x 3 questions,
# columns Q1..Q3 transposed here to rows = respondents); the tutorial prints pingouin's result
# (0.7734375, array([0.336, 0.939])). Read in stored copies of the tutorial credited to Statology
# (e.g. legaltree.in/cronbachs-alpha-in-python), not on statology.org itself.
STATOLOGY = [
    list(row)
    for row in zip(
        [1, 2, 2, 3, 2, 2, 3, 3, 2, 3], [1, 1, 1, 2, 3, 3, 2, 3, 3, 3], [1, 1, 2, 1, 2, 3, 3, 3, 2, 3], strict=True
    )
]


# --- ICC -------------------------------------------------------------------------------------------


def test_icc_matches_shrout_fleiss_table_4() -> None:
    # Published to two decimals: ICC(1,1)=.17, ICC(2,1)=.29, ICC(3,1)=.71, ICC(1,4)=.44, ICC(2,4)=.62, ICC(3,4)=.91.
    published = {"ICC1": 0.17, "ICC2": 0.29, "ICC3": 0.71, "ICC1k": 0.44, "ICC2k": 0.62, "ICC3k": 0.91}
    result = icc(SHROUT_FLEISS)
    assert set(result) == set(published)
    for key, value in published.items():
        assert round(result[key], 2) == value, key


def test_mean_squares_match_the_published_anova() -> None:
    # Shrout & Fleiss (1979), Table 3: BMS = 11.24, WMS = 6.26, JMS = 32.49, EMS = 1.02.
    assert [round(ms, 2) for ms in _mean_squares(SHROUT_FLEISS)] == [11.24, 6.26, 32.49, 1.02]


def test_icc_k_forms_are_spearman_brown_of_single_forms() -> None:
    result, k = icc(SHROUT_FLEISS), 4
    for single in ("ICC1", "ICC3"):
        r = result[single]
        assert result[single + "k"] == pytest.approx(k * r / (1 + (k - 1) * r))


def test_icc_of_perfect_agreement_is_one_and_of_no_variance_is_nan() -> None:
    assert all(v == pytest.approx(1) for v in icc([[1, 1, 1], [3, 3, 3], [5, 5, 5]]).values())
    assert all(math.isnan(v) for v in icc([[2, 2], [2, 2]]).values())


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([[1, 2], [3]], "ragged table: row 2 has 1 values"),
        ([[1, 2]], "at least 2 rows"),
        ([[1], [2]], "at least 2 columns"),
        ([[1, 2], [3, "4"]], "row 2, column 2 is not a finite number"),
        ([[1, 2], [3, True]], "row 2, column 2 is not a finite number"),
        ([[1, 2], [3, math.nan]], "row 2, column 2 is not a finite number"),
        ([[1, 2], [3, None]], "row 2, column 2 is not a finite number"),
        ([1, 2], "a table is a list of rows"),
    ],
)
def test_invalid_tables_are_refused_with_the_reason(table, message) -> None:
    with pytest.raises(ValueError, match=message):
        icc(table)
    with pytest.raises(ValueError, match=message):
        cronbach_alpha(table)


# --- Cronbach's alpha ------------------------------------------------------------------------------


def test_alpha_equals_icc3k_of_shrout_fleiss() -> None:
    # McGraw & Wong (1996): alpha is ICC(C,k) = ICC(3,k); Shrout & Fleiss publish ICC(3,4) = .91.
    alpha = cronbach_alpha(SHROUT_FLEISS)
    assert round(alpha, 2) == 0.91
    assert alpha == pytest.approx(icc(SHROUT_FLEISS)["ICC3k"])


def test_alpha_matches_the_statology_pingouin_example() -> None:
    assert cronbach_alpha(STATOLOGY) == pytest.approx(0.7734375)


def test_alpha_of_items_with_no_total_variance_is_nan() -> None:
    assert math.isnan(cronbach_alpha([[1, 5], [2, 4], [3, 3]]))


# --- rwg -------------------------------------------------------------------------------------------
# James, Demaree & Wolf (1984), J. Applied Psychology 69, 85-98: rwg = 1 - s²/σ²_EU, σ²_EU = (A²-1)/12.
# The R `multilevel` package documentation (Bliese; rwg, rwg.j) states the same: ranvar = 2 "represents the
# variance from a rectangular distribution in the case where there are 5 response options", and observed
# variances larger than it are truncated, which "results in an rwg value of 0 (no agreement)".
# LeBreton & Senter (2008), Organizational Research Methods 11, 815-852, on resetting negative values to 0.
# No published worked example with its raw ratings was found with the search tool; the values below are the
# formula's textbook consequences.


def test_rwg_perfect_agreement_is_one() -> None:
    assert rwg([4, 4, 4, 4]) == 1.0


def test_rwg_uniform_spread_is_truncated_to_zero() -> None:
    # s² of [1..5] is 2.5 > σ²_EU = 2 on five options: 1 - 2.5/2 = -0.25, truncated to 0.
    assert rwg([1, 2, 3, 4, 5]) == 0.0


def test_rwg_worked_by_hand() -> None:
    # Derived by hand from the formula: [4,4,4,5,5] has mean 4.4, s² = (3·0.16 + 2·0.36)/4 = 0.3,
    # so rwg = 1 - 0.3/2 = 0.85.
    assert rwg([4, 4, 4, 5, 5]) == pytest.approx(0.85)


def test_rwg_uses_the_number_of_options() -> None:
    # Seven options: σ²_EU = (49-1)/12 = 4; [3, 5] has s² = 2, so rwg = 0.5 (0 on five options: 2/2 = 1).
    assert rwg([3, 5], options=7) == pytest.approx(0.5)
    assert rwg([3, 5]) == 0.0


def test_rwg_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="at least 2 ratings"):
        rwg([3])
    with pytest.raises(ValueError, match="rating 2 is not a finite number"):
        rwg([3, "x"])
    with pytest.raises(ValueError, match="options must be an integer of at least 2"):
        rwg([3, 4], options=1)


def test_rwg_j_james_demaree_wolf_formula() -> None:
    # J = 6 items each with s² = 1 on five options: s̄²/σ²_EU = 0.5, rwg(j) = 6·0.5/(6·0.5 + 0.5) = 0.857.
    table = [[1, 2, 3, 1, 2, 3], [2, 3, 1, 2, 3, 1], [3, 1, 2, 3, 1, 2]]  # every column is a permutation of 1,2,3
    assert rwg_j(table) == pytest.approx(6 / 7)
    assert round(rwg_j(table), 3) == 0.857


def test_rwg_j_truncates_and_reduces_to_rwg_for_one_item() -> None:
    assert rwg_j([[1, 1], [3, 5], [5, 1]]) == 0.0  # s̄² = (4 + 16/3)/2 ≥ 2
    assert rwg_j([[5, 5], [5, 5]]) == 1.0
    assert rwg_j([[4], [4], [4], [5], [5]]) == pytest.approx(rwg([4, 4, 4, 5, 5]))  # J=1: r/(r+(1-r)) = r


# --- OneWay (mergeable ICC(1)) ---------------------------------------------------------------------


def one_way(groups) -> OneWay:
    stats = OneWay()
    for values in groups:
        stats.add_group(values)
    return stats


def reference_icc1(groups) -> float:
    """The unbalanced one-way ICC(1) from group means, in exact arithmetic, independently of OneWay's sums."""
    groups = [[Fraction(x) for x in g] for g in groups]
    k, n = len(groups), sum(len(g) for g in groups)
    grand = sum(sum(g) for g in groups) / n
    means = [sum(g) / len(g) for g in groups]
    ssb = sum(len(g) * (m - grand) ** 2 for g, m in zip(groups, means, strict=True))
    ssw = sum((x - m) ** 2 for g, m in zip(groups, means, strict=True) for x in g)
    msb, msw = ssb / (k - 1), ssw / (n - k)
    n0 = (n - Fraction(sum(len(g) ** 2 for g in groups), n)) / (k - 1)
    return float((msb - msw) / (msb + (n0 - 1) * msw))


def test_one_way_on_a_balanced_table_is_icc1() -> None:
    assert one_way(SHROUT_FLEISS).icc1() == pytest.approx(icc(SHROUT_FLEISS)["ICC1"])
    assert round(one_way(SHROUT_FLEISS).icc1(), 2) == 0.17  # Shrout & Fleiss (1979), ICC(1,1)


def test_one_way_unbalanced_matches_an_independent_computation() -> None:
    groups = [[4, 5, 5], [2, 3], [5, 5, 4, 4, 5], [1, 2, 2, 3], [3]]
    assert one_way(groups).icc1() == pytest.approx(reference_icc1(groups))


def test_one_way_merged_halves_equal_all_at_once_and_survive_json() -> None:
    groups = [[4, 5, 5], [2, 3], [5, 5, 4, 4, 5], [1, 2, 2, 3], [3], [2.5, 4]]
    first, second = one_way(groups[:2]), one_way(groups[2:])
    merged = first.merge(second)
    assert merged == one_way(groups)
    restored = OneWay.from_dict(json.loads(json.dumps(merged.as_dict())))
    assert restored == merged
    assert restored.icc1() == pytest.approx(reference_icc1(groups))
    assert OneWay().merge(merged) == merged


def test_one_way_is_none_when_it_cannot_be_computed() -> None:
    assert OneWay().icc1() is None
    assert one_way([[1, 2, 3]]).icc1() is None  # k < 2
    assert one_way([[1], [2], [3]]).icc1() is None  # N - k < 1
    assert one_way([[2, 2], [2, 2]]).icc1() is None  # no variance at all
    with pytest.raises(ValueError, match="at least one value"):
        OneWay().add_group([])
    with pytest.raises(ValueError, match="missing q"):
        OneWay.from_dict({"k": 1, "n": 1, "sum_n2": 1, "sum_s2_over_n": 1, "t": 1})


# --- Alpha (mergeable Cronbach's alpha) ------------------------------------------------------------


def alpha_of(rows) -> Alpha:
    stats = Alpha()
    for row in rows:
        stats.add(row)
    return stats


@pytest.mark.parametrize("table", [SHROUT_FLEISS, STATOLOGY])
def test_alpha_sums_agree_with_the_direct_alpha(table) -> None:
    assert alpha_of(table).value() == pytest.approx(cronbach_alpha(table))


def test_alpha_from_minitab_summary_statistics() -> None:
    # Minitab Support, "Example of Item Analysis" (support.minitab.com/en-us/minitab/help-and-how-to/
    # statistical-modeling/multivariate/how-to/item-analysis/before-you-start/example), 50 customers, 3 items: means
    # 3.16, 2.84, 2.94 with StDev 1.2675, 1.3607, 1.3463; total mean 8.94, StDev 3.8087; published alpha 0.9550.
    # Sums rebuilt from them: Σx = n·mean, Σx² = (n-1)·sd² + n·mean².
    n, means, sds = 50, [3.16, 2.84, 2.94], [1.2675, 1.3607, 1.3463]
    stats = Alpha(
        n=n,
        items=3,
        item_sums=[n * m for m in means],
        item_sumsq=[(n - 1) * s * s + n * m * m for m, s in zip(means, sds, strict=True)],
        total_sum=n * 8.94,
        total_sumsq=(n - 1) * 3.8087**2 + n * 8.94**2,
    )
    assert round(stats.value(), 4) == 0.9550


def test_alpha_merged_halves_equal_all_at_once_and_survive_json() -> None:
    first, second = alpha_of(STATOLOGY[:4]), alpha_of(STATOLOGY[4:])
    merged = first.merge(second)
    assert merged == alpha_of(STATOLOGY)
    restored = Alpha.from_dict(json.loads(json.dumps(merged.as_dict())))
    assert restored == merged
    assert restored.value() == pytest.approx(0.7734375)
    assert Alpha().merge(merged) == merged
    assert merged.merge(Alpha()) == merged


def test_alpha_is_none_or_refuses_when_it_cannot_be_computed() -> None:
    assert Alpha().value() is None
    assert alpha_of([[1, 2, 3]]).value() is None  # one row
    assert alpha_of([[3, 3], [3, 3]]).value() is None  # zero total variance
    with pytest.raises(ValueError, match="row has 2 items, expected 3"):
        alpha_of([[1, 2, 3], [1, 2]])
    with pytest.raises(ValueError, match="at least 2 items"):
        Alpha().add([1])
    with pytest.raises(ValueError, match="cannot merge 3 items with 2 items"):
        alpha_of([[1, 2, 3]]).merge(alpha_of([[1, 2]]))
