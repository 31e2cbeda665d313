import { expect, type Page } from '@playwright/test';

export interface TestUser {
  name: string;
  login: string;
  password: string;
}

/** A login no other test (or earlier run against the same server) has used. */
export function uniqueUser(name = 'Alex'): TestUser {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return { name, login: `u${suffix}`, password: 'correct horse battery' };
}

/** Signs up through the sign-up form and waits for My groups. */
export async function signUpViaUi(page: Page, user: TestUser = uniqueUser()): Promise<TestUser> {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Email or username').fill(user.login);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
  return user;
}

/** Signs in through the form (the account must exist) and waits for My groups. */
export async function signInViaUi(page: Page, user: TestUser): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email or username').fill(user.login);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
}
