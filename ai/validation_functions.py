"""Which functions model-written SQL may call: an explicit ALLOWLIST, and bounds on the literal
arguments that size an output.

A function passes only when its name is listed here (aggregates, window functions, math, dates,
conditionals, bounded string and list functions). Names are sqlglot's expression keys for the
functions sqlglot knows (e.g. `argmin` for arg_min, `timetostr` for strftime) and DuckDB's own
lower-case name for the rest (sqlglot's `Anonymous`). Everything else — table functions, system
and settings functions, file readers, row generators (range, generate_series, unnest of a
generated list), macros — is refused because it is not listed, not because it is blocked.

Functions that call another by its name (list_aggregate(l, 'max')) are checked by that value:
the name must be a literal on BY_NAME_AGGREGATES. Top-n counts (max(x, n), arg_max(x, y, n)) and
sample sizes (reservoir_quantile) are bounded literals.

Functions whose output grows with an argument (repeat, lpad/rpad, space, list_resize, bar,
printf/format widths) need that argument to be an integer literal within SIZE_BOUNDS, and may not
be nested inside one another (repeat(repeat(...)) multiplies).
"""

from __future__ import annotations

import re

from sqlglot import exp

AGGREGATES = """count countif sum avg min max argmin argmax median mode quantile percentilecont
percentiledisc approxquantile approxdistinct stddev stddevpop stddevsamp variance variancepop corr
covarpop covarsamp regrslope regrintercept regrr2 regrcount kurtosis skewness anyvalue first last
logicaland logicalor groupconcat arrayagg list bitwiseandagg bitwiseoragg bitwisexoragg
string_agg listagg arg_min arg_max min_by max_by fsum favg sumkahan product entropy histogram
count_star bool_and bool_or geomean geometric_mean mad approx_count_distinct reservoir_quantile
quantile_cont quantile_disc weighted_avg"""
WINDOW = """rownumber rank denserank ntile lag lead firstvalue lastvalue nthvalue percentrank
cumedist row_number rank_dense"""
MATH = """abs ceil floor round sign sqrt cbrt exp ln log log2 log10 pow power mod trunc greatest
least pi degrees radians sin cos tan asin acos atan atan2 cot isnan isinf even gamma lgamma
factorial safedivide div divide add subtract multiply nanvl random rand setseed xor bit_count
round_even roundbankers isfinite fdiv fmod"""
DATES = """currentdate currenttimestamp currenttime date datetrunc timestamptrunc datetimetrunc
dateadd datesub datediff timestampdiff timestampadd timestampsub extract year month day hour minute
second week weekofyear dayofweek dayofmonth dayofyear quarter lastday timetostr strtotime
strtodate unixtotime timetounix timestrtotime timestrtodate tsordstodate tsordstotime
tsordstotimestamp makeinterval monthname dayname epoch epoch_ms epoch_us epoch_ns date_part
datepart date_diff date_sub date_add age make_date make_time make_timestamp to_seconds
to_milliseconds to_minutes to_hours to_days to_weeks to_months to_years isodow isoyear yearweek
era millisecond microsecond nanosecond time_bucket julian strptime try_strptime last_day
datetimeadd datetimesub datetimediff timeadd timesub timediff unixtoStr timestrtounix
datestrtodate date_trunc datetrunc_ms timezone current_localtimestamp"""
CONDITIONALS = """case if coalesce nullif cast trycast and or not exists nvl2 ifnull equalnull
typeof greatest least collate"""
STRINGS = """lower upper length bitlength bytelength concat concatws substring left right trim
ltrim rtrim replace reverse strposition startswith endswith contains split splitpart initcap
regexplike regexpilike regexpextract regexpreplace regexpsplit regexpextractall regexpfullmatch
regexpcount levenshtein jarowinklersimilarity md5 sha sha2 hex unhex chr ascii unicode translate
instr position strpos string_split str_split string_split_regex regexp_matches regexp_extract
regexp_full_match regexp_replace regexp_split_to_array prefix suffix like_escape ilike_escape
damerau_levenshtein hamming jaccard jaro_similarity jaro_winkler_similarity mismatches
editdist3 strip_accents nfc_normalize lcase ucase len char_length character_length
array_to_string arraytostring format_bytes formatreadablesize format_bytes_decimal
to_base contains_any stringtoarray concat_ws repeat pad space printf format bar
dayname monthname rtrimmedlength soundex"""
LISTS = """array arraysize arraycontains arrayfilter arraytostring arrayconcat arrayappend
arrayprepend arraysort arrayreverse arraydistinct arraymin arraymax arraysum arrayslice
arrayposition arrayintersect arrayoverlaps arrayfirst arraylast arrayany arrayall arrayremove
arraycompact explode unnest struct structextract map mapkeys mapfromentries mapsize list_value
list_extract list_element list_contains list_has list_position list_sort list_reverse_sort
list_distinct list_unique list_transform list_filter list_reduce list_aggregate list_aggr
list_sum list_min list_max list_avg list_count list_first list_last list_any_value list_slice
list_concat list_cat list_append list_prepend list_has_any list_has_all list_intersect
list_zip list_select list_where list_grade_up list_inner_product list_cosine_similarity
list_distance array_length len cardinality flatten list_resize array_resize struct_pack
struct_extract row map_extract map_keys map_values element_at array_has array_position
transform filter reduce apply list_apply array_transform array_filter
array_reduce array_slice array_sort array_distinct array_contains array_extract
list_bool_and list_bool_or list_mode list_median list_stddev_samp list_var_samp
array_aggregate array_aggr aggregate"""
ALLOWED_FUNCTIONS = frozenset(
    " ".join((AGGREGATES, WINDOW, MATH, DATES, CONDITIONALS, STRINGS, LISTS)).lower().split()
)

# name -> (index of the sizing argument, its largest literal value)
SIZE_BOUNDS: dict[str, tuple[str, int]] = {
    "repeat": ("times", 100),
    "pad": ("expression", 200),
    "space": ("this", 200),
    "list_resize": ("1", 1000),
    "array_resize": ("1", 1000),
    "bar": ("3", 200),
}
# Top-n aggregates (max(x, n), arg_max(x, y, n)) and samples: their count arguments, bounded.
COUNT_ARGUMENTS: dict[str, tuple[str, int]] = {
    "max": ("count", 1000),
    "min": ("count", 1000),
    "argmax": ("count", 1000),
    "argmin": ("count", 1000),
    "reservoir_quantile": ("2", 10_000),
    "to_base": ("2", 200),
}
# Functions that call an aggregate by its NAME (list_aggregate(l, 'max')): the name must be a
# string literal from this list and nothing may follow it (string_agg: one literal separator).
BY_NAME_CALLERS = frozenset(
    {"list_aggregate", "list_aggr", "array_aggregate", "array_aggr", "aggregate"}
)
BY_NAME_AGGREGATES = frozenset(
    """min max sum avg mean count first last any_value arbitrary median mode product bool_and
    bool_or stddev stddev_samp stddev_pop var_samp var_pop variance string_agg""".split()  # noqa: SIM905
)
FORMAT_FUNCTIONS = frozenset({"printf", "format"})
MAX_FORMAT_WIDTH = 100
MAX_REPEAT_OUTPUT_CHARS = 10_000
PRINTF_SPEC = re.compile(r"%[-+ #0']*(\*|\d+)?(?:\.(\*|\d+))?")
FMT_SPEC = re.compile(r"\{[^{}]*\}")


class FunctionRejectedError(ValueError):
    """A function or one of its arguments is not allowed; one-line message."""


def function_name(node: exp.Func) -> str:
    """sqlglot's key of a known function (`argmin`), DuckDB's lower-case name otherwise."""
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.key


def display_name(node: exp.Func) -> str:
    return str(node.name).lower() if isinstance(node, exp.Anonymous) else node.sql_name().lower()


def literal_int(node: exp.Expr | None) -> int | None:
    """The integer value of a numeric literal (also `-n`), None for anything else."""
    if isinstance(node, exp.Neg):
        inner = literal_int(node.this)
        return None if inner is None else -inner
    if isinstance(node, exp.Paren):
        return literal_int(node.this)
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return int(float(str(node.this)))
        except (ValueError, OverflowError):
            return None
    return None


def sizing_argument(node: exp.Func, where: str) -> exp.Expr | None:
    if where.isdigit():
        args = node.expressions if isinstance(node, exp.Anonymous) else list(node.args.values())
        index = int(where)
        return args[index] if index < len(args) and isinstance(args[index], exp.Expr) else None
    found = node.args.get(where)
    return found if isinstance(found, exp.Expr) else None


def check_size(node: exp.Func, name: str) -> None:
    where, bound = SIZE_BOUNDS[name]
    value = literal_int(sizing_argument(node, where))
    if value is None or not 0 <= value <= bound:
        raise FunctionRejectedError(f"{name}() needs an integer literal size between 0 and {bound}")
    sized = node.this if isinstance(node.this, exp.Literal) and node.this.is_string else None
    if name == "repeat" and sized and len(str(sized.this)) * value > MAX_REPEAT_OUTPUT_CHARS:
        raise FunctionRejectedError(f"repeat() output over {MAX_REPEAT_OUTPUT_CHARS} characters")
    for inner in node.find_all(exp.Func):
        if inner is not node and function_name(inner) in SIZE_BOUNDS:
            raise FunctionRejectedError(f"{function_name(inner)}() nested inside {name}()")


def check_count(node: exp.Func, name: str) -> None:
    """A count or sample-size argument, when given, is an integer literal within its bound."""
    where, bound = COUNT_ARGUMENTS[name]
    argument = sizing_argument(node, where)
    if argument is None:
        return
    value = literal_int(argument)
    if value is None or not 0 <= value <= bound:
        raise FunctionRejectedError(
            f"{display_name(node)}() needs an integer literal count between 0 and {bound}"
        )


def check_by_name(node: exp.Func, name: str) -> None:
    """list_aggregate(l, 'name'[, ...]): the aggregate it calls is checked by its value."""
    args = node.expressions if isinstance(node, exp.Anonymous) else list(node.args.values())
    called = args[1] if len(args) > 1 else None
    if not (isinstance(called, exp.Literal) and called.is_string):
        raise FunctionRejectedError(f"{name}() needs the aggregate's name as a string literal")
    aggregate = str(called.this)
    if aggregate not in BY_NAME_AGGREGATES:
        raise FunctionRejectedError(f"{name}() may not call {aggregate[:40]!r}")
    extra = args[2:]
    separator_only = aggregate == "string_agg" and len(extra) == 1
    if extra and not (separator_only and isinstance(extra[0], exp.Literal)):
        raise FunctionRejectedError(f"{name}() takes no arguments after the aggregate's name")


def check_format(node: exp.Func, name: str) -> None:
    args = node.expressions if isinstance(node, exp.Anonymous) else [node.this]
    pattern = args[0] if args else None
    if not (isinstance(pattern, exp.Literal) and pattern.is_string):
        raise FunctionRejectedError(f"{name}() needs a literal format string")
    text = str(pattern.this)
    if re.search(r"\{[^{}]*\{", text):
        raise FunctionRejectedError(f"{name}() format widths may not come from arguments")
    widths = [w for m in PRINTF_SPEC.finditer(text) for w in m.groups() if w]
    widths += re.findall(r"\d+|\*", " ".join(FMT_SPEC.findall(text)))
    for width in widths:
        if width == "*" or int(width) > MAX_FORMAT_WIDTH:
            raise FunctionRejectedError(
                f"{name}() format widths must be literal numbers up to {MAX_FORMAT_WIDTH}"
            )


def check_function(node: exp.Func) -> None:
    """Raise FunctionRejectedError unless the function is allowlisted and its sizes bounded."""
    name = function_name(node)
    if name not in ALLOWED_FUNCTIONS:
        raise FunctionRejectedError(f"function {display_name(node)}() is not allowed")
    if name in SIZE_BOUNDS:
        check_size(node, name)
    elif name in FORMAT_FUNCTIONS:
        check_format(node, name)
    elif name in COUNT_ARGUMENTS:
        check_count(node, name)
    elif name in BY_NAME_CALLERS:
        check_by_name(node, name)
