import { Roles } from '@comity/domain';
import { ROLES } from './api-types';

describe('the API types the page names', () => {
  it('offers the roles the API knows, no more and no fewer', () => {
    expect([...ROLES]).toEqual([...Roles]);
  });
});
