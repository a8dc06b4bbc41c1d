import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['node_modules/', '**/dist/', 'tools/', '.tmp/', 'coverage/', 'e2e/backstage/']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@actions/core', message: 'Only shared/src/runtime/ touches @actions/core.' }
          ]
        }
      ]
    }
  },
  {
    files: ['shared/src/runtime/**'],
    rules: { 'no-restricted-imports': 'off' }
  }
)
