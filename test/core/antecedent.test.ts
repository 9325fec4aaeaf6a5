// antecedent-basis: the general causes of false alarms on granted claims, and the slips it must keep.
import assert from 'node:assert/strict';
import { analyze, at, claimsOnly, codes } from '../support/matter';

const findings = (text: string) => codes(claimsOnly(text), 'antecedent-basis');
const warnings = (text: string) => findings(text).filter((f) => f.severity !== 'info');

describe('antecedent-basis: basis that is not a literal "a X"', () => {
  it('does not fire on phrase boundaries: post-positive adjectives, prepositions, base verbs, slashes', () => {
    assert.deepEqual(warnings('1. A clamp comprising a frame and a jaw having a width greater than 2 mm, wherein the jaw rather than the frame moves.\n'), []);
    assert.deepEqual(warnings('1. A joint comprising a valve and a pipe, wherein the valve and the pipe form a seal.\n'), []);
    assert.deepEqual(warnings('1. A tool comprising a pin and a slot, wherein the pin and the slot belong to a frame.\n'), []);
    assert.deepEqual(warnings('1. An engine comprising a chamber, wherein pressure rises in the chamber prior to ignition.\n'), []);
    assert.deepEqual(warnings('1. A lift comprising a piston/cylinder assembly, wherein the piston/cylinder assembly is hydraulic.\n'), []);
  });
  it('accepts variants of an introduced term: written apart or together, a slash alternative, a non-restrictive modifier', () => {
    assert.deepEqual(warnings('1. A pump comprising a sub assembly, wherein the subassembly is sealed.\n'), []);
    assert.deepEqual(warnings('1. A pump comprising a subassembly, wherein the sub assembly is sealed.\n'), []);
    assert.deepEqual(warnings('1. A lamp comprising an LED die, wherein the LED die/dice is bonded.\n'), []);
    assert.deepEqual(warnings('1. A method comprising displaying a block diagram model, wherein the entire block diagram model is linear.\n'), []);
  });
  it('accepts the act of an earlier verb, labels, chemical variables and idioms', () => {
    assert.deepEqual(warnings('1. A method of milking an animal, comprising emptying a chamber during the milking procedure.\n'), []);
    assert.deepEqual(warnings('1. A process for preparing a compound of the formula R—(NCO)n, comprising heating the compound.\n'), []);
    assert.deepEqual(warnings('1. A polymer of the formula: wherein the geminal R6 groups form a ring.\n'), []);
    assert.deepEqual(warnings('1. A resin comprising n units, with the proviso that n is even, and in the event that n is zero, a filler.\n'), []);
    assert.deepEqual(warnings('1. A method of milking comprising recording the interval since the immediately preceding milking.\n'), []);
  });
  it('names a term of the claim it cites ("the contact element according to claim 1")', () => {
    assert.deepEqual(warnings('1. A contact element comprising a film.\n2. A contact comprising a surface and the contact element according to claim 1.\n'), []);
  });
  it('gives a part of a claimed whole, a property and the noun of an earlier verb info with low confidence', () => {
    for (const text of [
      '1. A press comprising a drill having a collet, wherein the drill collet is steel.\n',
      '1. A device comprising a piston and a disc fixed on the bead (36) of the piston.\n',
      '1. A method comprising injecting a resin into a mould, wherein the injection is slow.\n',
      '1. A process comprising heating a diamine or triamine, wherein the amine is diluted.\n',
    ]) {
      const [f, ...rest] = findings(text);
      assert.equal(rest.length, 0, text);
      assert.equal(f?.severity, 'info', text);
      assert.equal(f?.confidence, 'low', text);
    }
    const [f] = findings('1. A press comprising a drill having a collet, wherein the drill collet is steel.\n');
    assert.match(f.message, /the collet of the drill/);
  });
  it('keeps "the side of a vehicle" (a new whole) at warning, with medium confidence', () => {
    const [f, ...rest] = findings('1. A latch engaging a striker provided on the side of a vehicle.\n');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(f.confidence, 'medium');
  });
  it('does not call "the X" ambiguous for a dependent preamble restating its parent or for "the amount of Y"', () => {
    assert.deepEqual(findings('1. A method of treating a patient, comprising dosing the patient.\n2. The method of treating a patient of claim 1, wherein the patient is an adult.\n'), []);
    assert.deepEqual(findings('1. An alloy comprising tin in an amount of 5%.\n2. The alloy of claim 1, comprising lead in an amount equal to the amount of said tin.\n'), []);
  });
});

describe('antecedent-basis: slips it keeps', () => {
  it('fires, with high confidence and a fix, on an exact miss with no near term', () => {
    const [f, ...rest] = findings('1. A brake comprising a housing.\n2. The brake of claim 1, wherein the lever is steel.\n');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(f.confidence, 'high');
    assert.ok(f.fixes?.length);
  });
  it('fires on a term introduced only in a sibling claim', () => {
    const f = warnings('1. A rack comprising a frame.\n2. The rack of claim 1, further comprising a supply point.\n3. The rack of claim 1, wherein the supply point is low.\n');
    assert.deepEqual(
      f.map((x) => x.claim),
      [3],
    );
  });
  it('names the introduced term the writer likely meant, with medium confidence and no fix', () => {
    const [typo] = warnings('1. A cannula comprising a nasal cannula.\n2. The cannula of claim 1, wherein the nasal cannular is soft.\n');
    assert.match(typo.message, /did you mean "the nasal cannula" introduced in claim 1\?/);
    assert.equal(typo.confidence, 'medium');
    assert.equal(typo.fixes, undefined);
    const [head] = warnings('1. A system comprising a charge bus, wherein the voltage bus is coupled to an inverter.\n');
    assert.match(head.message, /did you mean "the charge bus" introduced in this claim\?/);
    assert.equal(at(claimsOnly('1. A system comprising a charge bus, wherein the voltage bus is coupled to an inverter.\n'), head), 'the voltage bus');
  });
  it('still calls a term introduced twice on one path ambiguous', () => {
    const f = findings('1. A kit comprising a detector.\n2. The kit of claim 1, further comprising coupling a tube to a detector, wherein the detector is remote.\n');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /ambiguous/);
  });
});

describe('antecedent-basis: an inherent reading needs a part or property of something claimed', () => {
  it('keeps a warning where no inherent reading holds', () => {
    for (const [text, at_] of [
      // An ordinal marks a distinct element, also before "of".
      ['1. A bit comprising a first surface having a first radius of curvature and a second surface having the second radius of curvature.\n', 'the second radius'],
      ['1. A method comprising providing an injector for injecting the first volume of fuel into a chamber.\n', 'the first volume'],
      // A part named after a thing not yet claimed.
      ['1. An LED assembly comprising: the heat sink base; at least one LED die attached to the heat sink base.\n', 'the heat sink base'],
      ['1. An apparatus comprising: the receptacle portion having a bottom surface.\n', 'the receptacle portion'],
      // The head names no part or property ("the back cover" is a cover).
      ['1. A watch comprising a case provided with the back cover.\n', 'the back cover'],
      ['1. A node comprising a section for generating the location information signal.\n', 'the location information signal'],
      // Listed with introductions.
      ['1. A guard having an exterior end and the interior end.\n', 'the interior end'],
      ['1. A composition comprising the aqueous phase and an oil phase.\n', 'the aqueous phase'],
      ['1. An airfoil comprising the tip section, a leading edge section, and a trailing edge section.\n', 'the tip section'],
      // A chosen value or a state is one of several.
      ['1. An engine comprising a sensor, wherein a valve opens when the temperature is lower than the predetermined temperature.\n', 'the predetermined temperature'],
      ['1. A door drive comprising a motor moving a door, wherein the motor stops at the fully-opened position.\n', 'the fully-opened position'],
      // The ordinal is in another phrase: "second curved surface having different radii", "separate compartments; a first nare".
      ['1. A bit comprising a first surface and a second surface having different radii, wherein the second radius is larger.\n', 'the second radius'],
      ['1. A cannula divided into first and second compartments; a first nare having a length, the second nare having a length.\n', 'the second nare'],
      // An adverb, its participle and the noun: "the ethylenically unsaturated monomer".
      ['1. A polymer of a diol, wherein Az is the residue of the ethylenically unsaturated monomer.\n', 'the ethylenically unsaturated monomer'],
    ]) {
      const a = claimsOnly(text);
      const f = codes(a, 'antecedent-basis').filter((x) => at(a, x) === at_);
      assert.equal(f.length, 1, text);
      assert.equal(f[0].severity, 'warning', text);
    }
  });
  it('keeps info for a part or property of a claimed thing, and for a property of a measure', () => {
    for (const text of [
      '1. A device comprising flaps, wherein the lower face of said flaps extends rearwardly.\n',
      '1. A method comprising sensing milk, the count of filling cycles being used for determination of the milk quantity, and a duct communicating with a chamber.\n',
      '1. A cleanser comprising 5 wt % of a surfactant based on the total weight of the cleanser.\n',
      '1. A track comprising paths, wherein the height difference between them is minimal.\n',
      '1. A tube comprising a wall, wherein the wall has the outer surface.\n',
      '1. A device comprising control means, wherein the frequency set by the control means is low.\n',
    ]) {
      const w = warnings(text);
      assert.deepEqual(
        w.map((x) => x.message),
        [],
        text,
      );
    }
  });
  it('reads an ordinal shared by a list or a longer phrase, and an adverb phrase introduced as such', () => {
    assert.deepEqual(warnings('1. A cannula divided into first, second and third compartments, wherein the second compartment is open.\n'), []);
    assert.deepEqual(warnings('1. A bit comprising a first curved smooth flute, wherein the first flute is long.\n'), []);
    assert.deepEqual(warnings('1. A plate having a substantially planar surface, wherein the substantially planar surface is coated.\n'), []);
  });
  it('does not take "the second radius" for "the radius of the second" (a whole is a noun phrase)', () => {
    const [f] = findings('1. A bit comprising a first curved surface having a first radius of curvature and a second curved surface having the second radius.\n');
    assert.doesNotMatch(f.message, /radius of the second/);
  });
  it('ends a phrase at a pronoun ("the second dopant us p-type", a slip of "is")', () => {
    assert.deepEqual(findings('1. A diode comprising a first dopant and a second dopant.\n2. The diode of claim 1, wherein the second dopant us p-type.\n'), []);
  });
});

describe('antecedent-basis: a fix only where it is certain', () => {
  const DISCLOSURE =
    '# Lever\n\n## Description\n\n' +
    'The brake has a lever and a spring. The spring pulls the lever back to its rest position after each stroke of the rider, and a cable joins the lever to the caliper of the brake. '.repeat(2) +
    '\n';
  const withDisclosure = (claims: string) => codes(analyze({ 'claims.md': claims, 'disclosure.md': DISCLOSURE }), 'antecedent-basis');
  it('offers no fix for a plural, a term reworded from claimed words, or a term the disclosure does not use', () => {
    const [plural] = warnings('1. A process comprising mixing phosgene and an amine, and passing the reactants over baffles.\n');
    assert.equal(plural.confidence, 'medium');
    assert.equal(plural.fixes, undefined);
    assert.doesNotMatch(plural.message, /"a reactants"/);
    const [reworded] = warnings('1. A truck comprising a right pin and sleeve combination mounting a flange, the right pin sleeve combination being steel.\n');
    assert.equal(reworded.confidence, 'medium');
    assert.equal(reworded.fixes, undefined);
    const [unsupported] = withDisclosure('1. A brake comprising a lever, wherein the current path is short.\n').filter((x) => x.severity !== 'info');
    assert.equal(unsupported.fixes, undefined);
    assert.equal(unsupported.confidence, 'medium');
  });
  it('offers the fix, with high confidence, for a term the disclosure uses', () => {
    const [f] = withDisclosure('1. A brake comprising a lever, wherein the spring pulls the lever.\n');
    assert.equal(f.confidence, 'high');
    assert.ok(f.fixes?.length);
  });
});

describe('antecedent-basis: near readings are info with low confidence ("may refer to ...")', () => {
  const info = (text: string, phrase: string) => {
    const a = claimsOnly(text);
    const f = codes(a, 'antecedent-basis').filter((x) => at(a, x) === phrase);
    assert.equal(f.length, 1, text);
    assert.equal(f[0].severity, 'info', text);
    assert.equal(f[0].confidence, 'low', text);
    assert.equal(f[0].fixes, undefined, text);
    return f[0];
  };
  const warned = (text: string, phrase: string) => {
    const a = claimsOnly(text);
    const f = codes(a, 'antecedent-basis').filter((x) => at(a, x) === phrase);
    assert.equal(f.length, 1, text);
    assert.equal(f[0].severity, 'warning', text);
    return f[0];
  };
  it('a modifier added to or dropped from an introduced term with the same head', () => {
    const f = info('1. A converter comprising an output load and an inductor coupled to the output load, wherein the output inductor is small.\n', 'the output inductor');
    assert.match(f.message, /may refer to "inductor" introduced in this claim/);
    info('1. A coating comprising a polyacryl Michael acceptor component.\n2. The coating of claim 1, wherein said polyacryl component is cured.\n', 'said polyacryl component');
    info('1. A cannula comprising a body divided into first and second compartments, wherein the first internal compartment is open.\n', 'the first internal compartment');
    info('1. A film comprising a material harder than a metal.\n2. The film of claim 1, wherein said hard material is CNx.\n', 'said hard material');
  });
  it('keeps a substituted modifier, a typo-level near match, a changed head and a modifier only a sibling claim names', () => {
    warned('1. A system comprising a charge bus, wherein the voltage bus is coupled to an inverter.\n', 'the voltage bus');
    warned('1. A truck comprising an ICC bump deflector.\n2. The truck of claim 1, wherein said ICC bumper deflector is steel.\n', 'said ICC bumper deflector');
    warned('1. A stack comprising a phosphorous silicate glass layer.\n2. The stack of claim 1, wherein the phosphorus silicate glass layer is thin.\n', 'the phosphorus silicate glass layer');
    warned('1. A supply comprising a low side power transistor, wherein the low side power FET is off.\n', 'the low side power FET');
    warned(
      '1. A diode comprising a first layer.\n2. The diode of claim 1, wherein the first layer comprises silicon carbide.\n3. The diode of claim 1, wherein the first silicon carbide layer is doped.\n',
      'the first silicon carbide layer',
    );
    warned('1. A method comprising a processing progress display step and a display step, wherein the transfer progress display step is separate.\n', 'the transfer progress display step');
  });
  it('the same words reordered through "of" are the antecedent', () => {
    assert.deepEqual(
      findings('1. A truck comprising a retainer flange and a right segment of the retainer flange.\n2. The truck of claim 1, wherein the right retainer flange segment is bent.\n'),
      [],
    );
    warned(
      '1. A truck comprising a retainer flange and a right segment of the retainer flange.\n2. The truck of claim 1, wherein the left retainer flange segment is bent.\n',
      'the left retainer flange segment',
    );
  });
  it('the whole named before its part', () => {
    const f = info('1. A regulator comprising a low side power transistor, wherein the low side power transistor gate is driven.\n', 'the low side power transistor gate');
    assert.match(f.message, /may mean the gate of the low side power transistor/);
    warned('1. A regulator comprising a low side power transistor, wherein the low side power FET gate is driven.\n', 'the low side power FET gate');
  });
  it('a phrase its own qualifier defines', () => {
    info('1. A method comprising recording a number of a cycle to identify the stage in the course of milking during which the cycle has occurred.\n', 'the stage');
    info('1. A breaker comprising two terminals, wherein a bridge closes the current path between the terminals thereof.\n', 'the current path');
    info('1. A control circuit coupled to the switch node output of a switching regulator.\n', 'the switch node output');
    info('1. A lamp comprising a switch and a tab for closing the electrical circuit.\n', 'the electrical circuit');
    warned('1. A latch engaging a striker provided on the side of a vehicle.\n', 'the side');
    warned('1. A method comprising recording a number of a cycle, wherein the stage is early.\n', 'the stage');
  });
  it('a person or a body part of an unclaimed user', () => {
    info('1. A monitor wearable on the wrist of a person.\n', 'the wrist');
    info('1. A monitor comprising a sensor for contacting the skin of the user.\n', 'the user');
    warned('1. A cannula comprising first and second nasal passages, wherein the nostril is open.\n', 'the nostril');
  });
});
