/** Two speakers whose names share their first 95 characters: a button id cut at 100 characters cannot tell them apart. */
import type { Speaker } from '../../src/content/model.js';

export const LONG_NAME_STEM = 'Alexandria Konstantinopoulou-Wellington Maximiliana Bartholomew-Featherstonehaugh Ravenscroft';

export const longNamedSpeakers: Speaker[] = [
  { name: `${LONG_NAME_STEM} Alpha`, role: 'Solutions Architect', org: null },
  { name: `${LONG_NAME_STEM} Omega`, role: 'Security Engineer', org: null },
];
