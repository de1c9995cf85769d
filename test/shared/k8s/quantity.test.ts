import { describe, expect, it } from "vitest";
import {
  canonicalizeQuantity, ERR_QUANTITY_FORMAT, ERR_QUANTITY_NUMERIC, ERR_QUANTITY_SUFFIX, formatBytes, formatCpuMillis,
  formatQuantity, formatQuantityExact, parseQuantity, parseQuantityBytes, parseQuantityExact, parseQuantityMillis,
  type Quantity, type QuantityFormat,
} from "../../../shared/k8s/quantity.ts";

// Tables ported from apimachinery pkg/api/resource/quantity_test.go. Go's decQuantity(i, e, f)
// is the value i × 10^e in format f; `dec` below builds the same thing.
const dec = (mantissa: bigint | number, exponent: number, format: QuantityFormat): Quantity =>
  ({ mantissa: BigInt(mantissa), exponent, format });
/** Exact value comparison, like Quantity.Cmp == 0. */
const sameValue = (a: Quantity, b: Quantity): boolean => {
  const e = Math.min(a.exponent, b.exponent);
  return a.mantissa * 10n ** BigInt(a.exponent - e) === b.mantissa * 10n ** BigInt(b.exponent - e);
};
const KI = 1024n;

describe("parseQuantityExact (TestQuantityParse)", () => {
  const table: [string, Quantity][] = [
    ["0", dec(0, 0, "DecimalSI")], ["0n", dec(0, 0, "DecimalSI")], ["0u", dec(0, 0, "DecimalSI")], ["0m", dec(0, 0, "DecimalSI")],
    ["0Ki", dec(0, 0, "BinarySI")], ["0k", dec(0, 0, "DecimalSI")], ["0Mi", dec(0, 0, "BinarySI")], ["0M", dec(0, 0, "DecimalSI")],
    ["0Gi", dec(0, 0, "BinarySI")], ["0G", dec(0, 0, "DecimalSI")], ["0Ti", dec(0, 0, "BinarySI")], ["0T", dec(0, 0, "DecimalSI")],
    // Quantity-less numbers are allowed
    ["1", dec(1, 0, "DecimalSI")],
    // Binary suffixes
    ["1Ki", dec(KI, 0, "BinarySI")], ["8Ki", dec(8n * KI, 0, "BinarySI")], ["7Mi", dec(7n * KI ** 2n, 0, "BinarySI")],
    ["6Gi", dec(6n * KI ** 3n, 0, "BinarySI")], ["5Ti", dec(5n * KI ** 4n, 0, "BinarySI")], ["4Pi", dec(4n * KI ** 5n, 0, "BinarySI")],
    ["3Ei", dec(3n * KI ** 6n, 0, "BinarySI")], ["10Ti", dec(10n * KI ** 4n, 0, "BinarySI")], ["100Ti", dec(100n * KI ** 4n, 0, "BinarySI")],
    // Decimal suffixes
    ["5n", dec(5, -9, "DecimalSI")], ["4u", dec(4, -6, "DecimalSI")], ["3m", dec(3, -3, "DecimalSI")], ["9", dec(9, 0, "DecimalSI")],
    ["8k", dec(8, 3, "DecimalSI")], ["50k", dec(5, 4, "DecimalSI")], ["7M", dec(7, 6, "DecimalSI")], ["6G", dec(6, 9, "DecimalSI")],
    ["5T", dec(5, 12, "DecimalSI")], ["40T", dec(4, 13, "DecimalSI")], ["300T", dec(3, 14, "DecimalSI")], ["2P", dec(2, 15, "DecimalSI")],
    ["1E", dec(1, 18, "DecimalSI")],
    // Decimal exponents
    ["1E-3", dec(1, -3, "DecimalExponent")], ["1e3", dec(1, 3, "DecimalExponent")], ["1E6", dec(1, 6, "DecimalExponent")],
    ["1e9", dec(1, 9, "DecimalExponent")], ["1E12", dec(1, 12, "DecimalExponent")], ["1e15", dec(1, 15, "DecimalExponent")],
    ["1E18", dec(1, 18, "DecimalExponent")],
    // Nonstandard but still parsable
    ["1e14", dec(1, 14, "DecimalExponent")], ["1e13", dec(1, 13, "DecimalExponent")], ["100.035k", dec(100035, 0, "DecimalSI")],
    // Things that look like floating point
    ["0.001", dec(1, -3, "DecimalSI")], ["0.0005k", dec(5, -1, "DecimalSI")], ["0.005", dec(5, -3, "DecimalSI")],
    ["0.05", dec(5, -2, "DecimalSI")], ["0.5", dec(5, -1, "DecimalSI")], ["0.00050k", dec(5, -1, "DecimalSI")],
    ["0.00500", dec(5, -3, "DecimalSI")], ["0.05000", dec(5, -2, "DecimalSI")], ["0.50000", dec(5, -1, "DecimalSI")],
    ["0.5e0", dec(5, -1, "DecimalExponent")], ["0.5e-1", dec(5, -2, "DecimalExponent")], ["0.5e-2", dec(5, -3, "DecimalExponent")],
    ["10.035M", dec(10035, 3, "DecimalSI")], ["1.2e3", dec(12, 2, "DecimalExponent")], ["1.3E+6", dec(13, 5, "DecimalExponent")],
    ["1.40e9", dec(14, 8, "DecimalExponent")], ["1.53E12", dec(153, 10, "DecimalExponent")], ["1.6e15", dec(16, 14, "DecimalExponent")],
    ["1.7E18", dec(17, 17, "DecimalExponent")], ["9.01", dec(901, -2, "DecimalSI")], ["8.1k", dec(81, 2, "DecimalSI")],
    ["7.123456M", dec(7123456, 0, "DecimalSI")], ["6.987654321G", dec(6987654321, 0, "DecimalSI")], ["5.444T", dec(5444, 9, "DecimalSI")],
    ["40.1T", dec(401, 11, "DecimalSI")], ["300.2T", dec(3002, 11, "DecimalSI")], ["2.5P", dec(25, 14, "DecimalSI")],
    ["1.01E", dec(101, 16, "DecimalSI")],
    // Things that saturate/round
    ["3.001n", dec(4, -9, "DecimalSI")], ["1.1E-9", dec(2, -9, "DecimalExponent")], ["0.0000000001", dec(1, -9, "DecimalSI")],
    ["0.0000000005", dec(1, -9, "DecimalSI")], ["0.00000000050", dec(1, -9, "DecimalSI")], ["0.5e-9", dec(1, -9, "DecimalExponent")],
    ["0.9n", dec(1, -9, "DecimalSI")], ["0.00000012345", dec(124, -9, "DecimalSI")], ["0.00000012354", dec(124, -9, "DecimalSI")],
    ["9Ei", dec(2n ** 63n - 1n, 0, "BinarySI")], ["9223372036854775807Ki", dec(2n ** 63n - 1n, 0, "BinarySI")], ["12E", dec(12, 18, "DecimalSI")],
    // We'll accept fractional binary stuff, too.
    ["100.035Ki", dec(10243584, -2, "BinarySI")], ["0.5Mi", dec(524288, 0, "BinarySI")], ["0.05Gi", dec(536870912, -1, "BinarySI")],
    ["0.025Ti", dec(274877906944, -1, "BinarySI")],
    // Things written by trolls
    ["0.000000000001Ki", dec(2, -9, "DecimalSI")], // rounds up, changes format
    [".001", dec(1, -3, "DecimalSI")], [".0001k", dec(100, -3, "DecimalSI")], ["1.", dec(1, 0, "DecimalSI")], ["1.G", dec(1, 9, "DecimalSI")],
  ];
  it.each(table)("parses %j", (input, want) => {
    const got = parseQuantityExact(input);
    expect(sameValue(got, want), `${got.mantissa}e${got.exponent}`).toBe(true);
    expect(got.format).toBe(want.format);
  });
  it.each(table)("parses -%s as the negation, same format", (input, want) => {
    const got = parseQuantityExact(`-${input}`);
    expect(sameValue(got, { ...want, mantissa: -want.mantissa })).toBe(true);
    expect(got.format).toBe(want.format);
  });
  it.each(table)("parses +%s as the same value", (input, want) => {
    const got = parseQuantityExact(`+${input}`);
    expect(sameValue(got, want)).toBe(true);
    expect(got.format).toBe(want.format);
  });
  it.each<[string, string]>([
    ["", ERR_QUANTITY_FORMAT], ["1.1.M", ERR_QUANTITY_FORMAT], ["1+1.0M", ERR_QUANTITY_FORMAT], ["0.1mi", ERR_QUANTITY_SUFFIX],
    ["0.1am", ERR_QUANTITY_FORMAT], ["aoeu", ERR_QUANTITY_FORMAT], [".5i", ERR_QUANTITY_SUFFIX], ["1i", ERR_QUANTITY_SUFFIX],
    ["-3.01i", ERR_QUANTITY_SUFFIX], ["-3.01e-", ERR_QUANTITY_SUFFIX],
    ["1e4294967297", ERR_QUANTITY_SUFFIX], // exponents outside int32 are rejected, not truncated
    [" 1", ERR_QUANTITY_FORMAT], ["1 ", ERR_QUANTITY_FORMAT], ["Non-Numeric", ERR_QUANTITY_FORMAT], ["invalid", ERR_QUANTITY_FORMAT],
    ["1e", ERR_QUANTITY_SUFFIX], ["Pi", ERR_QUANTITY_NUMERIC], [".e-10", ERR_QUANTITY_NUMERIC],
  ])("rejects %j with %j", (input, message) => {
    expect(() => parseQuantityExact(input)).toThrow(message);
  });
  it("words the format error exactly like ErrFormatWrong", () => {
    expect(ERR_QUANTITY_FORMAT).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
  it.each<[string, boolean]>([
    ["1e14", true], ["1E2147483647", true], ["1E-2147483647", true], ["1E2147483648", false], ["1E-2147483648", false],
    ["1E4294967297", false], ["1E8589934592", false], ["1E9223372036854775807", false], ["1E6024865272343", false],
  ])("bounds exponents to a negatable int32 (TestInterpretExponentInt32Bounds): %s ok=%s", (input, ok) => {
    if (ok) expect(parseQuantityExact(input).format).toBe("DecimalExponent");
    else expect(() => parseQuantityExact(input)).toThrow(ERR_QUANTITY_SUFFIX);
  });
  it("accepts the scanner's leniencies Kubernetes accepts", () => {
    for (const s of [".", "-.", "+", "-", "e3", "Ki", "m"]) expect(parseQuantity(s)).toBe(0);
  });
});

describe("formatQuantityExact (TestQuantityString)", () => {
  const table: [Quantity, string, string][] = [
    [dec(KI ** 3n, 0, "BinarySI"), "1Gi", "1024Mi"], [dec(300n * KI ** 2n, 0, "BinarySI"), "300Mi", "307200Ki"],
    [dec(6n * KI, 0, "BinarySI"), "6Ki", ""], [dec(1001n * KI ** 3n, 0, "BinarySI"), "1001Gi", "1025024Mi"],
    [dec(KI ** 4n, 0, "BinarySI"), "1Ti", "1024Gi"], [dec(5, 0, "BinarySI"), "5", "5000m"], [dec(500, -3, "BinarySI"), "500m", "0.5"],
    [dec(1, 9, "DecimalSI"), "1G", "1000M"], [dec(1000, 6, "DecimalSI"), "1G", "0.001T"], [dec(1000000, 3, "DecimalSI"), "1G", ""],
    [dec(1000000000, 0, "DecimalSI"), "1G", ""], [dec(1, -3, "DecimalSI"), "1m", "1000u"], [dec(80, -3, "DecimalSI"), "80m", ""],
    [dec(1080, -3, "DecimalSI"), "1080m", "1.08"], [dec(108, -2, "DecimalSI"), "1080m", "1080000000n"], [dec(10800, -4, "DecimalSI"), "1080m", ""],
    [dec(300, 6, "DecimalSI"), "300M", ""], [dec(1, 12, "DecimalSI"), "1T", ""],
    // No DecimalSI suffix beyond "E" and no BinarySI suffix beyond "Ei": exponent notation, never a lost magnitude.
    [dec(1, 18, "DecimalSI"), "1E", ""], [dec(1, 21, "DecimalSI"), "1e21", "1000E"], [dec(5, 21, "DecimalSI"), "5e21", "5000E"],
    [dec(1, 24, "DecimalSI"), "1e24", "1000000E"], [dec(1, 70, "BinarySI"), "10e69", ""], [dec(2, 70, "BinarySI"), "20e69", ""],
    [dec(1, 72, "BinarySI"), "1e72", ""],
    [dec(1234567, 6, "DecimalSI"), "1234567M", ""], [dec(1234567, -3, "BinarySI"), "1234567m", ""], [dec(3, 3, "DecimalSI"), "3k", ""],
    [dec(1025, 0, "BinarySI"), "1025", ""], [dec(0, 0, "DecimalSI"), "0", ""], [dec(0, 0, "BinarySI"), "0", ""],
    [dec(1, 9, "DecimalExponent"), "1e9", ".001e12"], [dec(1, -3, "DecimalExponent"), "1e-3", "0.001e0"],
    [dec(1, -9, "DecimalExponent"), "1e-9", "1000e-12"], [dec(80, -3, "DecimalExponent"), "80e-3", ""],
    [dec(300, 6, "DecimalExponent"), "300e6", ""], [dec(1, 12, "DecimalExponent"), "1e12", ""], [dec(1, 3, "DecimalExponent"), "1e3", ""],
    [dec(3, 3, "DecimalExponent"), "3e3", ""], [dec(0, 0, "DecimalExponent"), "0", "00"], [dec(1, -9, "DecimalSI"), "1n", ""],
    [dec(80, -9, "DecimalSI"), "80n", ""], [dec(1080, -9, "DecimalSI"), "1080n", ""], [dec(108, -8, "DecimalSI"), "1080n", ""],
    [dec(10800, -10, "DecimalSI"), "1080n", ""], [dec(1, -6, "DecimalSI"), "1u", ""], [dec(80, -6, "DecimalSI"), "80u", ""],
    [dec(1080, -6, "DecimalSI"), "1080u", ""],
  ];
  it.each(table)("case %#: prints %s; parsing that keeps it verbatim; %j canonicalizes to it", (q, want, alternate) => {
    expect(formatQuantityExact(q)).toBe(want);
    expect(parseQuantityExact(want).text).toBe(want);
    if (alternate) {
      expect(parseQuantityExact(alternate).text).toBeUndefined();
      expect(canonicalizeQuantity(alternate)).toBe(want);
    }
  });
  it.each(table.filter(([q]) => q.mantissa !== 0n))("case %#: prints the negation with a leading - (-%s)", (q, want) => {
    expect(formatQuantityExact({ ...q, mantissa: -q.mantissa })).toBe(`-${want}`);
  });
  // The last column says whether parsing the output gives the value back: below 1n parsing rounds
  // up, and 8Ei parses capped to MaxInt64 (kubernetes#140674).
  it.each<[string, Quantity, boolean]>([
    ["2000", dec(2000, 0, "BinarySI"), true], ["-2000", dec(-2000, 0, "BinarySI"), true], // TestBinarySIZeroExponentString
    ["1e-12", dec(1, -12, "DecimalSI"), false], ["100e-12", dec(1, -10, "DecimalSI"), false], // TestQuantityStringBelowNano
    ["-9010m", dec(-901, -2, "DecimalSI"), true], // TestQuantityNeg
    ["8Ei", dec(2n ** 63n, 0, "BinarySI"), false], // TestZeroSubMostNegativeInheritsFormat
    ["1180591620717411303424", dec(2n ** 70n, 0, "BinarySI"), true], // TestBinarySIPastEiArithmeticRoundTrip
  ])("prints %s", (want, q, roundTrips) => {
    expect(formatQuantityExact(q)).toBe(want);
    expect(sameValue(parseQuantityExact(want), q)).toBe(roundTrips);
  });
});

describe("canonicalizeQuantity (TestQuantityParseEmit, TestParseQuantity)", () => {
  it.each<[string, string]>([
    ["1Ki", "1Ki"], ["1Mi", "1Mi"], ["1Gi", "1Gi"], ["1024Mi", "1Gi"], ["1000M", "1G"], [".001Ki", "1024m"],
    [".000001Ki", "1024u"], [".000000001Ki", "1024n"], [".000000000001Ki", "2n"],
  ])("%j ⇒ %j, and the same with a minus sign", (input, want) => {
    expect(canonicalizeQuantity(input)).toBe(want);
    expect(canonicalizeQuantity(`-${input}`)).toBe(`-${want}`);
  });
  it.each<[string, string]>([
    ["0", "0"], ["1000m", "1"], ["0.5", "500m"], ["1.5", "1500m"], ["1024Mi", "1Gi"], ["1.5Gi", "1536Mi"], ["100k", "100k"],
    ["1e3", "1e3"], ["1E3", "1E3"], ["250m", "250m"], ["128Mi", "128Mi"], ["2Gi", "2Gi"], ["1.3E+6", "1300e3"],
    ["-999999999999999999", "-999999999999999999"], ["999999999999999999.0", "999999999999999999"],
    ["999999999999999999.1", "999999999999999999100m"], ["9999999999999999999", "9999999999999999999"],
    ["-1E", "-1E"], ["1000000000000000000", "1E"], ["-1.0E", "-1E"], ["9999999999999999999000m", "9999999999999999999"],
    ["1.0000000000000000001E", "1000000000000000000100m"], ["1.000000000000000001E", "1000000000000000001"],
    ["10E", "10E"], ["10000000000000000000", "10E"], ["-10000000000000000000000m", "-10E"],
    ["10.0000000000000000001E", "10000000000000000000100m"], ["-9223372036854775808", "-9223372036854775808"],
    ["9223372036854775807.0", "9223372036854775807"], ["9223372036854775808.1", "9223372036854775808100m"],
  ])("%j ⇒ %j", (input, want) => {
    expect(canonicalizeQuantity(input)).toBe(want);
  });
  it("prints back inputs Kubernetes already treats as canonical, quirks included", () => {
    for (const s of ["+1", "1.G", "1.", "0100", "1.500", "+1Ki"]) expect(canonicalizeQuantity(s)).toBe(s);
  });
  it("reads YAML numbers through their JSON spelling", () => {
    expect(canonicalizeQuantity(1)).toBe("1");
    expect(canonicalizeQuantity(0.5)).toBe("500m");
    expect(parseQuantity(0.1)).toBe(0.1);
    expect(parseQuantityMillis(0.1)).toBe(100);
    expect(() => parseQuantity(Number.NaN)).toThrow(ERR_QUANTITY_FORMAT);
  });
});

describe("integer values (TestNegativeValueRoundsAwayFromZero, TestScaledValue, TestMilliNewSet)", () => {
  it.each<[string, number, number]>([
    ["-.484785E-7466", -1, -1], [".484785E-7466", 1, 1], ["-.484785E-1", -1, -49], [".484785E-1", 1, 49],
    ["-0.0005", -1, -1], ["0.0005", 1, 1], ["-1500m", -2, -1500], ["1500m", 2, 1500],
    ["-9.5000000001Gi", -10200547329, -10200547328108], ["9.5000000001Gi", 10200547329, 10200547328108],
    ["-1", -1, -1000], ["1", 1, 1000], ["0", 0, 0],
    ["1n", 1, 1], ["1u", 1, 1], ["1m", 1, 1], ["250m", 1, 250], ["0.1m", 1, 1], ["128Mi", 134217728, 134217728000], ["1G", 1e9, 1e12],
  ])("%j has Value() %d and MilliValue() %d", (input, value, milli) => {
    expect(parseQuantityBytes(input)).toBe(value);
    expect(parseQuantityMillis(input)).toBe(milli);
  });
  it.each<[string, number]>([
    ["250m", 0.25], ["128Mi", 134217728], ["1G", 1e9], ["1.5", 1.5], ["100k", 100000], ["1e3", 1000], ["1E3", 1000],
    ["2Gi", 2147483648], ["-1", -1], ["+1", 1], [".5", 0.5], ["2Ki", 2048], ["1.1Ki", 1126.4], ["1Mi", 1048576],
  ])("parseQuantity(%j) = %d", (input, value) => {
    expect(parseQuantity(input)).toBe(value);
  });
});

describe("printing state integers (TestMilliNewSet, TestNewSet, TestNewScaledSet)", () => {
  it.each<[number, string]>([[1, "1m"], [1000, "1"], [1234000, "1234"], [250, "250m"], [1500, "1500m"], [2000, "2"], [0, "0"], [-500, "-500m"]])(
    "formatCpuMillis(%d) = %j and reads back", (millis, want) => {
      expect(formatCpuMillis(millis)).toBe(want);
      expect(parseQuantityMillis(want)).toBe(millis);
    });
  it.each<[number, QuantityFormat, string]>([
    [1, "DecimalSI", "1"], [1000, "DecimalSI", "1k"], [1234000, "DecimalSI", "1234k"], [1024, "BinarySI", "1Ki"],
    [1000000, "invalidFormatDefaultsToExponent" as QuantityFormat, "1e6"], [1024 * 1024, "BinarySI", "1Mi"],
    [0.001, "DecimalSI", "1m"], [0.000001, "DecimalSI", "1u"], [1e-9, "DecimalSI", "1n"], [0, "DecimalSI", "0"],
  ])("formatQuantity(%d, %s) = %j", (value, format, want) => {
    expect(formatQuantity(value, format)).toBe(want);
    expect(parseQuantity(want)).toBe(value);
  });
  it.each<[number, boolean, string]>([
    [134217728, true, "128Mi"], [1e9, true, "1000000000"], [1e9, false, "1G"], [1000, true, "1k"], [1536 * 1024 * 1024, true, "1536Mi"],
    [2 ** 70, true, "1180591620717411303424"], [0, true, "0"],
  ])("formatBytes(%d, binary=%s) = %j", (bytes, binary, want) => {
    expect(formatBytes(bytes, binary)).toBe(want);
  });
});
