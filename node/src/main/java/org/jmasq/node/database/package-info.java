/**
 * The Node's SQLite database: one file per data directory and chain, bound to that chain, with
 * versioned migrations, the Accountant's tables, and config secrets encrypted under the database
 * password.
 */
package org.jmasq.node.database;
