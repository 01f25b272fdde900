import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneFolderOf, hideCredentials, parseContentRepository, repositoryAddress, repositoryCredentials, type ContentRepository } from '../../src/sources/content-repository.js';

function parsed(entry: string): ContentRepository {
  const result = parseContentRepository(entry);
  if (!result.ok) throw new Error(result.problem);
  return result.repository;
}

describe('reading a CONTENT_REPOS entry', () => {
  it.each([
    ['https://github.com/Owner/Site.git', { url: 'https://github.com/Owner/Site.git', host: 'github.com', owner: 'Owner', name: 'Site', site: 'Owner/Site' }],
    ['https://github.com/owner/site', { host: 'github.com', owner: 'owner', name: 'site', site: 'owner/site' }],
    ['git@github.com:owner/site.git', { url: 'git@github.com:owner/site.git', host: 'github.com', site: 'owner/site' }],
    ['ssh://git@git.example.com:2222/team/reports.git', { host: 'git.example.com_2222', owner: 'team', name: 'reports' }],
    ['https://gitlab.com/group/subgroup/site.git', { host: 'gitlab.com', owner: 'group/subgroup', name: 'site', site: 'group/subgroup/site' }],
    ['file:///srv/git/owner/site', { url: 'file:///srv/git/owner/site', host: 'local', owner: 'owner', name: 'site', site: 'owner/site' }],
    ['https://github.com/owner/site.git#release/2025', { url: 'https://github.com/owner/site.git', branch: 'release/2025', label: 'https://github.com/owner/site.git#release/2025' }],
  ])('reads %s', (entry, expected) => {
    expect(parsed(entry)).toMatchObject(expected);
  });

  it('follows the default branch when no #branch is given', () => {
    expect(parsed('https://github.com/owner/site.git').branch).toBeUndefined();
  });

  it('hides credentials in its label but gives git the URL as written', () => {
    const repository = parsed('https://x-access-token:ghs_secret123@github.com/owner/site.git');
    expect(repository.url).toBe('https://x-access-token:ghs_secret123@github.com/owner/site.git');
    expect(repository.label).toBe('https://****@github.com/owner/site.git');
    expect(repositoryCredentials(repository)).toEqual(['ghs_secret123']);
    expect(repositoryCredentials(parsed('https://ghp_tokenasuser@github.com/owner/site.git'))).toEqual(['ghp_tokenasuser']);
    expect(hideCredentials('ssh://git:pw@host/owner/site.git')).toBe('ssh://git:****@host/owner/site.git');
  });

  it.each([
    ['https://github.com/../../etc/passwd', join('github.com', 'etc', 'passwd')],
    ['https://github.com/owner/na%2F..%2F..%2Fme', join('github.com', 'owner', 'na_.._.._me')],
    ['https://github.com/owner/na%2Fme', join('github.com', 'owner', 'na_me')],
    ['file:///tmp/%2e%2e/%2e%2e/etc', 'refused'],
    ['git@github.com:../../owner/site', 'refused'],
    ['https://github.com/owner/.git', 'refused'],
    ['ssh://git@host/owner/..', 'refused'],
  ])('never puts the clone of %s outside DATA_DIR/repos (%s)', (entry, expected) => {
    const result = parseContentRepository(entry);
    const folder = result.ok ? relative(join('/data', 'repos'), cloneFolderOf(result.repository, '/data')) : 'refused';
    expect(folder).toBe(expected);
  });

  it('puts a clone at DATA_DIR/repos/<host>/<owner>/<name>', () => {
    expect(cloneFolderOf(parsed('git@github.com:owner/site.git'), '/data')).toBe(join('/data', 'repos', 'github.com', 'owner', 'site'));
  });
});

describe('telling whether two addresses name one repository', () => {
  it.each([
    ['https://github.com/Owner/Site.git'],
    ['https://github.com/owner/site'],
    ['https://github.com/owner/site/'],
    ['git@github.com:owner/site.git'],
    ['ssh://git@github.com/owner/site.git'],
    ['git://github.com/owner/site.git'],
  ])('reads %s as github.com/owner/site', (address) => {
    expect(repositoryAddress(address)).toBe('github.com/owner/site');
  });

  it('tells other repositories and hosts apart', () => {
    expect(repositoryAddress('https://github.com/owner/other.git')).not.toBe(repositoryAddress('https://github.com/owner/site.git'));
    expect(repositoryAddress('https://gitlab.com/owner/site.git')).not.toBe(repositoryAddress('https://github.com/owner/site.git'));
    expect(repositoryAddress('not an address')).toBeUndefined();
  });
});
