/**
 * A name to call a customer by without knowing who they are (Tollgate keeps no PII):
 * deterministic from the user id, readable, and the same wherever it is shown.
 * "Amber Falcon 4821". Not unique: the user id is.
 */

const ADJECTIVES = [
  'Amber',
  'Arctic',
  'Autumn',
  'Azure',
  'Bold',
  'Brave',
  'Bright',
  'Calm',
  'Clever',
  'Coral',
  'Cosmic',
  'Crimson',
  'Crystal',
  'Dapper',
  'Daring',
  'Dawn',
  'Desert',
  'Eager',
  'Emerald',
  'Fierce',
  'Gentle',
  'Gilded',
  'Golden',
  'Hazel',
  'Honest',
  'Humble',
  'Indigo',
  'Ivory',
  'Jade',
  'Jolly',
  'Keen',
  'Kind',
  'Lively',
  'Lucky',
  'Lunar',
  'Maple',
  'Merry',
  'Misty',
  'Noble',
  'Nimble',
  'Ocean',
  'Olive',
  'Patient',
  'Plucky',
  'Polar',
  'Proud',
  'Quiet',
  'Rapid',
  'Royal',
  'Ruby',
  'Rustic',
  'Sage',
  'Scarlet',
  'Silent',
  'Silver',
  'Solar',
  'Steady',
  'Swift',
  'Teal',
  'Tidy',
  'Velvet',
  'Vivid',
  'Wild',
  'Witty',
] as const;

const ANIMALS = [
  'Albatross',
  'Antelope',
  'Badger',
  'Beaver',
  'Bison',
  'Cheetah',
  'Condor',
  'Coyote',
  'Crane',
  'Dolphin',
  'Eagle',
  'Elk',
  'Falcon',
  'Ferret',
  'Finch',
  'Fox',
  'Gazelle',
  'Gecko',
  'Heron',
  'Ibis',
  'Jaguar',
  'Kestrel',
  'Koala',
  'Lemur',
  'Leopard',
  'Lynx',
  'Magpie',
  'Marmot',
  'Marten',
  'Mole',
  'Moose',
  'Narwhal',
  'Ocelot',
  'Orca',
  'Osprey',
  'Otter',
  'Owl',
  'Panda',
  'Panther',
  'Pelican',
  'Penguin',
  'Puffin',
  'Quail',
  'Rabbit',
  'Raven',
  'Robin',
  'Salmon',
  'Seal',
  'Sparrow',
  'Stork',
  'Swan',
  'Tapir',
  'Tiger',
  'Toucan',
  'Turtle',
  'Viper',
  'Walrus',
  'Weasel',
  'Whale',
  'Wolf',
  'Wombat',
  'Wren',
  'Yak',
  'Zebra',
] as const;

/**
 * FNV-1a, finished with MurmurHash3's mixer so that ids differing in a few characters (as
 * time-ordered ids do) land far apart: small, and stable across runtimes.
 */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b9)) >>> 0;
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function pseudonym(userId: string): string {
  const id = userId.toLowerCase();
  const adjective = ADJECTIVES[hash(id, 1) % ADJECTIVES.length];
  const animal = ANIMALS[hash(id, 2) % ANIMALS.length];
  const number = String(hash(id, 3) % 10_000).padStart(4, '0');
  return `${adjective} ${animal} ${number}`;
}
