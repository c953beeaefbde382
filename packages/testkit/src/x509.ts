// The only door to @peculiar/x509: tsyringe, under it, needs the Reflect metadata API
// loaded first (Biome keeps this import order).
import 'reflect-metadata';

export * as x509 from '@peculiar/x509';
