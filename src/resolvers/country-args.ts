/**
 * The `country` argument of `organizations`: an ISO 3166-1 alpha-2 code in any case. Anything else (`UK`, a
 * country's name) would list nothing without a word, so it gets an UNKNOWN_COUNTRY warning naming the code that
 * was probably meant; no alias is accepted, so that one country has one code in questions and answers alike.
 */
import type { RequestContext } from '../context.js';

// Every officially assigned ISO 3166-1 alpha-2 code (249). Intl cannot tell which are assigned: it names `UK`, `EU` and `ZZ` too.
const ISO_CODES = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
   CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
   GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
   JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
   MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
   RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
   TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/),
);

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

function comparable(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

// Each code by its English name, compared without case, spaces or punctuation ("united kingdom" -> GB).
const CODE_BY_NAME = new Map([...ISO_CODES].map((code) => [comparable(REGION_NAMES.of(code) ?? code), code]));

/** The English name of a two-letter region code, or undefined (Intl refuses malformed codes). */
function regionName(code: string): string | undefined {
  try {
    return REGION_NAMES.of(code);
  } catch {
    return undefined;
  }
}

/**
 * The ISO code meant by a text that is none: itself trimmed, the code of the region Intl names the same (`UK` is
 * the United Kingdom, whose code is `GB`), or the code of the country of that name.
 */
function likelyCode(country: string): string | undefined {
  const text = country.trim().toUpperCase();
  if (ISO_CODES.has(text)) return text;
  const name = /^[A-Z]{2}$/.test(text) ? regionName(text) : country;
  return name === undefined ? undefined : CODE_BY_NAME.get(comparable(name));
}

/** The country to filter by; when it is no ISO code, a warning saying so and what was probably meant. */
export function countryArgument(context: RequestContext, country: string): string {
  if (!ISO_CODES.has(country.toUpperCase())) {
    const code = likelyCode(country);
    const hint = code === undefined ? 'two letters, such as "US", "GB" or "DE"' : `${REGION_NAMES.of(code) ?? code} is "${code}"`;
    context.warnings.add({ code: 'UNKNOWN_COUNTRY', argument: 'country', message: `"${country}" is no ISO 3166-1 alpha-2 country code: ${hint}` });
  }
  return country;
}
