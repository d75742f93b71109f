import { describe, expect, it } from 'vitest';
import { errorFrame, paramsFromQuery, parseRequestFrame, resultFrame } from './rpc-frame';

describe('parseRequestFrame', () => {
  it('accepts a full frame and defaults params to {}', () => {
    expect(parseRequestFrame('{"jsonrpc":"2.0","id":"a1","src":"me","method":"Sys.GetStatus"}')).toEqual({
      kind: 'request',
      request: { id: 'a1', src: 'me', method: 'Sys.GetStatus', params: {} },
    });
  });

  it.each([
    ['not JSON', '{"id":1,'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"Sys.GetStatus"'],
    ['an object id', '{"id":{},"method":"Sys.GetStatus"}'],
    ['no method', '{"id":1,"src":"me"}'],
    ['an empty method', '{"id":1,"method":""}'],
  ])('rejects %s as an invalid request', (_, body) => {
    expect(parseRequestFrame(body)).toEqual({ kind: 'invalid' });
  });

  it('answers a frame without id with -103', () => {
    expect(parseRequestFrame('{"src":"me","method":"Sys.GetStatus"}')).toEqual({
      kind: 'rejected',
      src: 'me',
      error: { code: -103, message: "Missing required 'id'" },
    });
  });

  it('answers non-object params with -103', () => {
    const parsed = parseRequestFrame('{"id":4,"method":"Switch.Set","params":[0,true]}');
    expect(parsed).toMatchObject({ kind: 'rejected', id: 4, error: { code: -103 } });
  });
});

describe('paramsFromQuery (Mongoose REST form)', () => {
  it('copies values raw, so numbers, booleans and quoted strings parse', () => {
    expect(paramsFromQuery('?id=0&on=true&stage=%22beta%22&x="y z"')).toEqual({
      id: 0,
      on: true,
      stage: 'beta',
      x: 'y z',
    });
  });

  it('fails on an unquoted string, as the assembled object is not JSON', () => {
    expect(paramsFromQuery('?stage=beta')).toBeUndefined();
  });

  it('gives {} for an empty query', () => {
    expect(paramsFromQuery('')).toEqual({});
  });
});

describe('response frames', () => {
  it('put id, src and dst first and use null for an empty result', () => {
    expect(JSON.stringify(resultFrame({ id: 3, src: 'dev', dst: 'me' }, undefined))).toBe(
      '{"id":3,"src":"dev","dst":"me","result":null}',
    );
  });

  it('omit dst when the request had no src', () => {
    expect(errorFrame({ id: 3, src: 'dev' }, { code: 404, message: 'No handler for X' })).toEqual({
      id: 3,
      src: 'dev',
      error: { code: 404, message: 'No handler for X' },
    });
  });
});
