// numeral-conflict: what is a reference numeral, and what is a conflict between two of its uses.
import assert from 'node:assert/strict';
import { analyze, at, codes } from '../support/matter';

function conflicts(body: string, drawings = true) {
  const disc = `# T\n\n## Description\n\n${drawings ? 'FIG. 1 shows the machine. ' : ''}${body}\n`;
  const a = analyze({ 'claims.md': '1. A machine.\n', 'disclosure.md': disc });
  return { a, f: codes(a, 'numeral-conflict') };
}

describe('numeral-conflict', () => {
  describe('fires', () => {
    it("on a numeral slip that names another part, with the part's own numeral as the fix (high)", () => {
      const { a, f } = conflicts(
        'The vehicle body 2 carries a door. The vehicle body 2 is steel. The vehicle body 2 is long. A link lever 27 turns. The link lever 27 stops. When the link lever 2 rotates, the door opens.',
      );
      assert.equal(f.length, 1);
      assert.equal(at(a, f[0]), 'link lever 2');
      assert.equal(f[0].confidence, 'high');
      assert.match(f[0].message, /"vehicle body" at \S+ \(3×\)/);
      assert.match(f[0].message, /is 27 elsewhere/);
      assert.equal(f[0].fixes![0].edits[0].newText, '27');
    });
    it('on one full name carrying the numeral of another part (high)', () => {
      const { a, f } = conflicts(
        'An upper arm 112 and a lower arm 114 are joined. The upper arm 112 pivots. The upper arm 112 is short. The lower arm 114 is long. The lower arm 114 is as large as the upper arm 114.',
      );
      assert.equal(f.length, 1);
      assert.equal(at(a, f[0]), '114');
      assert.equal(f[0].confidence, 'high');
      assert.match(f[0].message, /"upper arm" carries numeral 114 here but 112/);
    });
    it("on a numeral used nowhere else among the numerals of the name's part (medium)", () => {
      const { a, f } = conflicts(
        'A base plate 22 carries a pin 20. The base plate 22 is steel. The base plate 22 is flat. A spring 24 and a cap 26 sit on the base plate 103. ' +
          'In FIG. 5 a spring rod 504 holds a pad 172. The spring rod 504 is a bolt. The spring rod 504 is long. In FIG. 6 the distance 605 shrinks as the pad 172 is threaded onto the spring rod 506.',
      );
      assert.deepEqual(
        f.map((x) => [at(a, x), x.confidence]),
        [
          ['103', 'medium'],
          ['506', 'medium'],
        ],
      );
    });
    it('on one use of a kind under another part\'s numeral, and past an "of" phrase ("the head 18 of the engine 10")', () => {
      const { a, f } = conflicts(
        'A cable 40 runs to the latch. Cables 41 and 42 run to the lock. The door sensor 43 detects. The door sensor 43 is small. The door sensor 43 is red. The lever pulls a cable 43. ' +
          'The head 18 of the engine 10 is cast. The effective combustion chamber of the engine 10 is small. The engine 10 runs. ' +
          'The first combustion chamber 20 is hot. The first combustion chamber 20 burns. Gas flows into the first combustion chamber 10.',
      );
      assert.deepEqual(
        f.map((x) => [at(a, x), x.confidence]),
        [
          ['cable 43', 'medium'],
          ['first combustion chamber 10', 'high'],
        ],
      );
      assert.equal(f[1].fixes![0].edits[0].newText, '20');
    });
    it('on a misspelt name and on two different parts under one numeral (medium)', () => {
      const { a, f } = conflicts(
        'The auxiliary chamber 30 is small. The auxiliary chamber 30 is hot. The spark ignites the mixture within the auxiliary camber 30. A horizontal beam 81 is welded. Plates are fixed to the horizontal beam 81. A cover is fixed to the extending plate 81.',
      );
      assert.deepEqual(
        f.map((x) => [at(a, x), x.confidence]),
        [
          ['auxiliary camber 30', 'medium'],
          ['extending plate 81', 'medium'],
        ],
      );
    });
    it("on a group or a reintroduced part given a numeral used nowhere else, one slip from the part's", () => {
      const { a, f } = conflicts(
        'A connecting point 210 is welded. The connecting point 210 holds. The connecting point 210 is round. The connecting points 211 attach the frame 300. ' +
          'A sensor node 120 sends. Later a sensor node 120 listens. The sensor node 120 waits. Here a sensor node 120 sleeps. In FIG. 8, a sensor node 119 is arranged within a shared region 810. ' +
          'An engine proxy 1420 and a browser proxy 1430 talk. The browser proxy 1430 is local. The engines 1431 run. The browser proxy 1429 acts as a browser.',
      );
      assert.deepEqual(
        f.map((x) => at(a, x)),
        ['211', '119', '1429'],
      );
    });
    it('on a slip where the part\'s short form is the numeral around ("reference node 110" by "multiple reference nodes 111")', () => {
      const { a, f } = conflicts(
        'The multiple reference node 110 is fixed. A sensor node 120 asks the reference node 110. The control unit 450 sends a request to multiple reference nodes 111. The multiple reference node 110 answers.',
      );
      assert.deepEqual(
        f.map((x) => at(a, x)),
        ['111'],
      );
    });
    it('on a slip of a part named once more as the whole of an "of" phrase, not on a part of something else', () => {
      const { a, f } = conflicts(
        'The operation of the vector unit 460 of the processor 400 is fast. The vector unit 460 holds the vector file 462. The operation of the vector unit 461 is as follows. ' +
          'An upper surface 22 of the head 30 is flat. The upper surface 22 of the head 30 is smooth. The upper surface 34 of the piston 36 is round.',
      );
      assert.deepEqual(
        f.map((x) => at(a, x)),
        ['461'],
      );
    });
  });

  describe('does not fire', () => {
    it('on a group with a numeral of its own that is no slip, or one read off a list', () => {
      const { f } = conflicts(
        'A rotor blade 14 is bolted. The rotor blade 14 is long. The rotor blade 14 is thin. The rotor blades 30 turn. ' +
          'A hinge pin 50 is steel. The hinge pin 50 is short. The hinge pin 50 is round. The hinge pins 51, 52 are spares.',
      );
      assert.equal(f.length, 0);
    });
    it('on a description without drawings (compound numbers, quantities)', () => {
      const { f } = conflicts('The acyl chloride 2 reacts. The acyl chloride 2 is added. The methyl ester 2 is obtained.', false);
      assert.equal(f.length, 0);
    });
    it('on quantities, angles, ratios, locants, sequence ends and counts', () => {
      const { a, f } = conflicts(
        'The housing 12 is round. The housing 12 is steel. The value is set to 12% and tilted to a 12° bevel. Elute with ethyl acetate 12:1. ' +
          'Add succinimidyl 12-(N-maleimidomethyl)cyclohexane. Use forward primer 5′-gtgac and primer 5′ sequence. The platelets were inhibited 12% or more. ' +
          'Infuse to achieve 12 grams per day. The units provide 12 signals. The subsequent 12 residues follow. The VCO 100, 12 delay elements are used. ' +
          'Use preferably 12 to 14 of them, as in WO 94/06708; p and q each represent 12; blocks of several successive 12 msec frames.',
      );
      assert.deepEqual(
        f.map((x) => at(a, x)),
        [],
      );
      assert.deepEqual(a.terms.length >= 0 && a.numerals.map((n) => n.numeral), ['12', '12', '100']);
    });
    it('keeps a numeral before "and" unless a range of quantities follows', () => {
      const { a } = conflicts('An upper arm 112 and a lower arm 114 are joined; the gap is between 2 and 4 mm, and the rod is 10 and 20 mm long.');
      assert.deepEqual(
        a.numerals.map((n) => `${n.name} ${n.numeral}`),
        ['upper arm 112', 'lower arm 114'],
      );
    });
    it('on another instance of a part numbered with its own neighbours, or introduced with "a"', () => {
      const { f } = conflicts(
        'The nasal cannula 10 of one embodiment has a first nare 12 and a second nare 14. In another embodiment the nasal cannula 60 has a nare 62. ' +
          'The nasal cannula 60 is soft. The nasal cannula 60 is short. The nasal cannula 60 is molded. A spring 24 holds a cap 26 next to the spring 25. ' +
          'The controller 78 reads a current sensor 136 when the charger 82 supplies energy, or a current sensor 156 when the source 122 does. The current sensor 136 is small.',
      );
      assert.equal(f.length, 0);
    });
    it('on a part renumbered per embodiment', () => {
      const { f } = conflicts('The hybrid vehicle 20 has an engine. The hybrid vehicle 20 drives. The hybrid vehicle 20 stops. In FIG. 4 a hybrid vehicle 120 has two motors.');
      assert.equal(f.length, 0);
    });
    it('on one numeral with two names at once: "A or B 50", "A/B 210", "the face of the blade 10"', () => {
      const { f } = conflicts(
        'The piston has a concave recess or depression 50. Fuel is aimed at the recess 50. The recess 50 is deep. ' +
          'A switch or contactor 132 opens. The switch 132 closes. The switch 132 is fast. ' +
          'The signal passes through the radio/antenna 210 and the radio 210 sends it. The radio 210 is small. ' +
          'The cutting face 10 is sharp. The cutting face 10 is flat. Each face of the blade 10 tapers.',
      );
      assert.equal(f.length, 0);
    });
    it('on a short form of a longer name and on the part of something named after the numeral', () => {
      const { f } = conflicts(
        'An auxiliary combustion chamber 30 is small. The main combustion chamber 20 is large. The combustion chamber 20 is hot. The combustion chamber 20 burns. ' +
          'Fuel is injected into the combustion chamber 30. An upper surface 22 of the cylinder head faces the upper surface 46. The upper surface 46 is flat. The upper surface 46 is hot.',
      );
      assert.equal(f.length, 0);
    });
    it('on series labels ("approach 1" / "approach 2") and on designations ("designated by the reference numeral 3")', () => {
      const { f } = conflicts(
        'The storage medium 2 holds files. The storage medium 2 is a card. The storage medium 2 is full. Compare approach 1 with approach 2. ' +
          'The instrument, designated by the reference numeral 3, is a watch. The instrument 3 has a case. The upper face, designated 10b, is flat. The upper face 10b is shown.',
      );
      assert.equal(f.length, 0);
    });
    it('on a numeral list after a singular name, a bare synonym, a participle, and spelling variants', () => {
      const { f } = conflicts(
        'The valve 34 has a reduced diameter end 42. The reduced diameter end 42 fits. The valve 34, and 42 are not worn. ' +
          'A handle 136 turns. The handle 136 is long. The handle 136 is steel. The user pulls on the arm 136. ' +
          'Light reaches the organic tissue 50. The organic tissue 50 reflects. Light points to the tissue to be illuminated 50. ' +
          'The sub-assembly 60 is fixed. The subassembly 60 is steel. The sub assembly 60 is red.',
      );
      assert.equal(f.length, 0);
    });
  });
});
