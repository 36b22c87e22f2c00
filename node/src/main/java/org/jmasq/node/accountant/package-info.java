/**
 * The Accountant's scanners: paying due debts, confirming sent payments, and crediting incoming
 * ones, against the database and a chain client; each scan runs on the Accountant's one thread.
 */
package org.jmasq.node.accountant;
