import { describe, expect, it } from 'vitest';
import { topicFilterProblem, topicMatches } from './mqtt-topic-filter';

describe('topicMatches', () => {
  it.each([
    ['tele/+/LWT', 'tele/tasmota_1/LWT', true],
    ['tele/+/LWT', 'tele/a/b/LWT', false],
    ['tele/+/LWT', 'tele/tasmota_1/STATE', false],
    ['tele/+/LWT', 'tele//LWT', true],
    ['tasmota/discovery/+/config', 'tasmota/discovery/A4CF12B3C4D5/config', true],
    ['tasmota/discovery/+/config', 'tasmota/discovery/A4CF12B3C4D5/sensors', false],
    ['stat/p/#', 'stat/p', true],
    ['stat/p/#', 'stat/p/RESULT', true],
    ['stat/p/#', 'stat/q/RESULT', false],
    ['#', 'anything/at/all', true],
    ['#', '$SYS/broker/uptime', false],
    ['+/broker/uptime', '$SYS/broker/uptime', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
    ['a/b', 'a/b/c', false],
    ['a/b/c', 'a/b', false],
  ])('%s vs %s → %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

describe('topicFilterProblem', () => {
  it.each([
    ['tele/+/LWT', null],
    ['#', null],
    ['a/#', null],
    ['', 'is empty'],
    ['a/#/b', 'uses # other than as the last level'],
    ['a/b#', 'uses # other than as the last level'],
    ['a/b+/c', 'uses + inside a level'],
    ['a\0b', 'contains NUL'],
  ])('%j → %s', (filter, problem) => {
    expect(topicFilterProblem(filter)).toBe(problem);
  });
});
